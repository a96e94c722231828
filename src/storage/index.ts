import { MemoryStorage, type Storage } from 'botbuilder';
import type { Config } from '../config/config.js';
import { LowdbStorage } from './lowdb-storage.js';

export { LowdbStorage } from './lowdb-storage.js';
export { KeyedLock } from './keyed-lock.js';

/** The state store named by STORAGE. */
export function createStorage(config: Pick<Config, 'STORAGE' | 'DATA_DIR'>): Storage {
  switch (config.STORAGE) {
    case 'memory':
      return new MemoryStorage();
    case 'lowdb':
      return new LowdbStorage(config.DATA_DIR);
  }
}
