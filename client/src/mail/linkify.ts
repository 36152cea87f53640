/**
 * Splits plain text into text and link segments, for rendering as React
 * elements (never as HTML). Only http:, https: and mailto: become links.
 */
export type Segment = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

// A candidate runs until whitespace or a character that cannot be in a bare URL.
const CANDIDATE = /\b(?:https?:\/\/|mailto:)[^\s<>"'`\u00A0\u2000-\u200B\u3000]+/gi;

const CLOSERS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

/** Drops trailing punctuation that belongs to the sentence: "see https://x.org/a." and "(https://x.org)". */
function trimEnd(url: string): string {
  let end = url.length;
  for (;;) {
    const ch = url[end - 1];
    if (ch === undefined) break;
    if ('.,;:!?*\''.includes(ch)) {
      end -= 1;
      continue;
    }
    const opener = CLOSERS[ch];
    if (opener) {
      const body = url.slice(0, end);
      const opens = body.split(opener).length - 1;
      const closes = body.split(ch).length - 1;
      // Wikipedia-style "/Foo_(bar)" keeps its balanced parenthesis.
      if (closes > opens) {
        end -= 1;
        continue;
      }
    }
    break;
  }
  return url.slice(0, end);
}

function isUsable(url: string): boolean {
  if (/^mailto:/i.test(url)) return /^mailto:[^@\s]+@[^@\s]+/i.test(url);
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname.length > 0;
  } catch {
    return false;
  }
}

export function linkify(text: string): Segment[] {
  const segments: Segment[] = [];
  let last = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    const start = match.index;
    const url = trimEnd(match[0]);
    if (!isUsable(url)) continue;
    if (start > last) segments.push({ kind: 'text', text: text.slice(last, start) });
    segments.push({ kind: 'link', text: url, href: url });
    last = start + url.length;
  }
  if (last < text.length) segments.push({ kind: 'text', text: text.slice(last) });
  return segments;
}
