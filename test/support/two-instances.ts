import type { Storage } from 'botbuilder';
import { startTestApp, type RunningApp } from './app.js';
import { startAzurite, type Azurite } from './azurite.js';
import type { AppOptions } from '../../src/app.js';

export interface TwoInstances {
  azurite: Azurite;
  first: RunningApp;
  second: RunningApp;
  /** Stops both instances, then Azurite. */
  close: () => Promise<void>;
}

export interface InstanceOptions {
  /** A store wrapping the shared one (to hold or watch its calls); the blob store from env otherwise. */
  storage?: (azurite: Azurite) => Storage;
  options?: Partial<AppOptions>;
}

/** Two bot instances sharing one Blob Storage container on a fresh Azurite, as behind a load balancer. */
export async function twoInstancesOnAzurite(
  container: string,
  env: Record<string, string> = {},
  each: [InstanceOptions, InstanceOptions] = [{}, {}],
): Promise<TwoInstances> {
  const azurite = await startAzurite();
  const shared = { STORAGE: 'blob', AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString, AZURE_STORAGE_CONTAINER: container, ...env };
  const start = ({ storage, options }: InstanceOptions) => startTestApp(shared, storage?.(azurite), options);
  const first = await start(each[0]);
  const second = await start(each[1]);
  return {
    azurite,
    first,
    second,
    close: async () => {
      await first.close();
      await second.close();
      await azurite.stop();
    },
  };
}
