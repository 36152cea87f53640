import type { Readable } from 'node:stream';
import { simpleParser } from 'mailparser';

export interface ParsedSource {
  html: string | null;
  text: string | null;
  truncated: boolean;
}

const TEXT_LIMIT = 2 * 1024 * 1024;

/**
 * The lenient path for messages whose MIME structure gives nothing to show:
 * mailparser recovers text from broken boundaries and bad encodings. Attachment
 * contents are skipped, so only the bodies are kept in memory.
 */
export async function parseSource(source: Readable | Buffer | string): Promise<ParsedSource> {
  const parsed = await simpleParser(source, { skipImageLinks: true, skipTextLinks: true, skipHtmlToText: false, keepCidLinks: true });
  const html = typeof parsed.html === 'string' ? parsed.html : null;
  const text = parsed.text ?? null;
  const cut = (s: string | null) => (s !== null && s.length > TEXT_LIMIT ? s.slice(0, TEXT_LIMIT) : s);
  return {
    html: cut(html),
    text: cut(text),
    truncated: (html?.length ?? 0) > TEXT_LIMIT || (text?.length ?? 0) > TEXT_LIMIT,
  };
}
