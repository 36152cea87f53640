import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_DIR } from './config.js';

export const CORPUS_DIR = join(REPO_DIR, 'e2e', 'corpus');

export interface CorpusMail {
  /** Path relative to e2e/corpus, e.g. "hostile/01-script-tag.eml". */
  file: string;
  kind: 'hostile' | 'benign';
  /** The Subject header as written in the file (the corpus uses plain ASCII/UTF-8 subjects). */
  subject: string;
  /** The Message-ID header, angle brackets included. */
  messageId: string;
  raw: Buffer;
}

function header(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const line = unfolded.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  if (line === undefined) throw new Error(`corpus mail without ${name}`);
  return line.slice(name.length + 1).trim();
}

function load(kind: CorpusMail['kind']): CorpusMail[] {
  const dir = join(CORPUS_DIR, kind);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .sort()
    .map((f) => {
      const raw = readFileSync(join(dir, f));
      const text = raw.toString('utf8');
      return { file: `${kind}/${f}`, kind, subject: header(text, 'Subject'), messageId: header(text, 'Message-ID'), raw };
    });
}

/** Every corpus mail, hostile first; read once at import so tests share one source of truth. */
export const CORPUS: readonly CorpusMail[] = [...load('hostile'), ...load('benign')];

export function corpusMail(file: string): CorpusMail {
  const m = CORPUS.find((c) => c.file === file || c.file.endsWith(`/${file}`));
  if (!m) throw new Error(`no corpus mail ${file}`);
  return m;
}
