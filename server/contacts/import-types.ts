import type { ImportSkipReason } from '../../shared/contacts.js';

/**
 * What the vCard and CSV readers hand to the import: entries as found in the
 * file, not yet checked (import.ts checks them), and the lines they skipped.
 */
export interface RawEntry {
  /** 1-based line of the file where the card or row starts. */
  line: number;
  name: string;
  emails: Array<{ address: string; label: string }>;
  phones: Array<{ number: string; label: string }>;
  notes: string;
  groupNames: string[];
}

export interface Skip {
  line: number;
  reason: ImportSkipReason;
}

export interface ParsedFile {
  entries: RawEntry[];
  skipped: Skip[];
}

/** Gathers a reader's items into entries and skipped lines. */
export function collect(items: Iterable<RawEntry | Skip>): ParsedFile {
  const out: ParsedFile = { entries: [], skipped: [] };
  for (const item of items) {
    if ('reason' in item) out.skipped.push(item);
    else out.entries.push(item);
  }
  return out;
}
