/**
 * How deeply objects and arrays may nest in a request body. The deepest thing a channel sends
 * is an Adaptive Card inside an attachment (about 15 levels); JSON.stringify, structured clones
 * and the recursive walks of botbuilder and the stores overflow the stack somewhere past a few
 * thousand levels, long after the request was accepted (a whole transcript batch was lost to
 * one such body). 64 leaves room for any real activity or webhook.
 */
export const MAX_JSON_DEPTH = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

/**
 * Whether objects and arrays in `raw` nest deeper than `limit`: one pass over the bytes,
 * brackets inside strings not counted, before the body is parsed. For a body that is not JSON
 * the answer does not matter: the parse that follows refuses it.
 */
export function nestsDeeperThan(raw: Uint8Array, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < raw.length; index++) {
    const byte = raw[index];
    if (inString) {
      if (byte === BACKSLASH) index++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      depth++;
      if (depth > limit) return true;
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) depth--;
  }
  return false;
}

/** The 400's reason, the same on every route. */
export const TOO_DEEP_REASON = `objects and arrays nest at most ${MAX_JSON_DEPTH} levels deep`;
