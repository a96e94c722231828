export { LowdbStorage } from './lowdb-storage.js';
export { KeyedLock } from './keyed-lock.js';
export { createPersistence } from './persistence.js';
export type { Persistence } from './persistence-types.js';
