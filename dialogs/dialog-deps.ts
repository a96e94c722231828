import type { Strings } from '../src/strings/index.js';
import type { StateAccessors } from '../src/bot/state.js';

/** What every dialog may use; built once in the composition root. */
export interface DialogDeps {
  strings: Strings;
  accessors: StateAccessors;
  retentionDays: number;
  /** Injected so dates in tests and decisions are deterministic. */
  clock: () => Date;
}
