import { stopAllServerProcesses } from './server-process.js';

/**
 * Mocha root hooks (loaded by .mocharc and the fault and browser scripts): whatever a test did or
 * failed to do, no server process it started outlives the run, so mocha exits.
 */
export const mochaHooks = {
  async afterAll(): Promise<void> {
    await stopAllServerProcesses();
  },
};
