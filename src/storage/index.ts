export { LowdbStorage } from './lowdb-storage.js';
export { KeyedLock } from './keyed-lock.js';
export { createPersistence, type Persistence } from './persistence.js';
