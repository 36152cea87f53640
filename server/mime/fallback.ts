import { simpleParser } from 'mailparser';

export interface ParsedSource {
  html: string | null;
  text: string | null;
  truncated: boolean;
}

const TEXT_LIMIT = 2 * 1024 * 1024;

/** The body as raw text: after the first blank line, or everything when no header block ends. */
function rawBody(source: Buffer): string {
  const text = source.toString('utf8');
  const m = /\r?\n\r?\n/.exec(text);
  const body = m ? text.slice(m.index + m[0].length) : text;
  return body.trim() ? body : text;
}

/**
 * The lenient path for messages whose MIME structure gives nothing to show:
 * mailparser recovers what it can from broken boundaries and bad encodings, and
 * when even it finds no body, the raw text is shown rather than nothing.
 */
export async function parseSource(source: Buffer): Promise<ParsedSource> {
  let html: string | null = null;
  let text: string | null = null;
  try {
    const parsed = await simpleParser(source, { skipImageLinks: true, skipTextLinks: true, keepCidLinks: true });
    html = typeof parsed.html === 'string' && parsed.html.trim() ? parsed.html : null;
    text = parsed.text?.trim() ? parsed.text : null;
  } catch {
    // mailparser gave up; the raw text below still shows something
  }
  if (html === null && text === null) text = rawBody(source);
  const cut = (s: string | null) => (s !== null && s.length > TEXT_LIMIT ? s.slice(0, TEXT_LIMIT) : s);
  return {
    html: cut(html),
    text: cut(text),
    truncated: (html?.length ?? 0) > TEXT_LIMIT || (text?.length ?? 0) > TEXT_LIMIT,
  };
}
