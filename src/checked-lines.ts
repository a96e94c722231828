import { crc32 } from 'node:zlib';

/**
 * The lines of the append-only files (transcripts, the audit trail, the insights): the JSON
 * text, a tab, and the text's CRC-32 in 8 hex digits. JSON text never holds a raw tab (it is
 * written `\t`), so the last tab of a line starts its checksum. A line that a crash or a full
 * disk cut short, or one with a flipped byte, fails its checksum: it is skipped and counted,
 * never read as another record. Lines written before checksums existed (no tab) are read as
 * plain JSON, so the files of an older version stay readable.
 */
export function checkedLine(json: string): string {
  return `${json}\t${checksumOf(json)}\n`;
}

/** One line's value (its newline removed), or undefined when the line fails its checksum or is not JSON. */
export function parseCheckedLine(line: string): { value: unknown } | undefined {
  const tab = line.lastIndexOf('\t');
  const json = tab === -1 ? line : line.slice(0, tab);
  if (tab !== -1 && line.slice(tab + 1) !== checksumOf(json)) return undefined;
  try {
    return { value: JSON.parse(json) as unknown };
  } catch {
    return undefined;
  }
}

/** Every line's value in order, and how many lines were skipped (empty lines are neither). */
export function parseCheckedLines(text: string): { values: unknown[]; skipped: number } {
  const values: unknown[] = [];
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const parsed = parseCheckedLine(line);
    if (parsed) values.push(parsed.value);
    else skipped += 1;
  }
  return { values, skipped };
}

function checksumOf(json: string): string {
  return crc32(json).toString(16).padStart(8, '0');
}
