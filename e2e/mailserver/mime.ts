// Small MIME writers for the seeders. Messages use LF line ends on disk, as
// Dovecot's own maildir deliveries do; IMAP clients see CRLF.

/** RFC 2047 B-encoded word for a header phrase containing non-ASCII. */
export function encodeWord(text: string, charset = 'UTF-8'): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  return `=?${charset}?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

/** RFC 2047 Q-encoding in ISO-8859-1, as older European mailers send it. */
export function encodeWordLatin1Q(text: string): string {
  const bytes = Buffer.from(text, 'latin1');
  let q = '';
  for (const b of bytes) {
    if (b === 0x20) q += '_';
    else if ((b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a)) q += String.fromCharCode(b);
    else q += `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return `=?ISO-8859-1?Q?${q}?=`;
}

export function mailbox(name: string, address: string, encode = true): string {
  return `${encode ? encodeWord(name) : name} <${address}>`;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** RFC 5322 date in the given UTC offset (minutes), e.g. "Tue, 04 Mar 2025 09:15:00 +0100". */
export function rfc5322Date(d: Date, offsetMinutes = 0): string {
  const l = new Date(d.getTime() + offsetMinutes * 60_000);
  const p = (n: number) => String(n).padStart(2, '0');
  const sign = offsetMinutes < 0 ? '-' : '+';
  const off = Math.abs(offsetMinutes);
  return `${DAYS[l.getUTCDay()]}, ${p(l.getUTCDate())} ${MONTHS[l.getUTCMonth()]} ${l.getUTCFullYear()} ${p(l.getUTCHours())}:${p(l.getUTCMinutes())}:${p(l.getUTCSeconds())} ${sign}${p(Math.floor(off / 60))}${p(off % 60)}`;
}

export function base64Lines(buf: Buffer): string {
  return (buf.toString('base64').match(/.{1,76}/g) ?? []).join('\n');
}

export type Part = { headers: string[]; body: string };

export function textPart(text: string, subtype = 'plain'): Part {
  const ascii = /^\p{ASCII}*$/u.test(text);
  return {
    headers: [`Content-Type: text/${subtype}; charset=utf-8`, `Content-Transfer-Encoding: ${ascii ? '7bit' : '8bit'}`],
    body: text,
  };
}

export function attachmentPart(filename: string, contentType: string, data: Buffer, disposition: 'attachment' | 'inline' = 'attachment', contentId?: string): Part {
  const ascii = /^[\x20-\x7e]*$/.test(filename);
  // RFC 2231 for non-ASCII names, plus an RFC 2047 `name=` for old clients.
  const dispName = ascii ? `filename="${filename}"` : `filename*=UTF-8''${encodeURIComponent(filename)}`;
  const typeName = ascii ? `name="${filename}"` : `name="${encodeWord(filename)}"`;
  const headers = [`Content-Type: ${contentType}; ${typeName}`, `Content-Disposition: ${disposition}; ${dispName}`, 'Content-Transfer-Encoding: base64'];
  if (contentId) headers.push(`Content-ID: <${contentId}>`);
  return { headers, body: base64Lines(data) };
}

export function multipart(subtype: 'mixed' | 'alternative' | 'related', boundary: string, parts: Part[]): Part {
  const body = parts.map((p) => `--${boundary}\n${p.headers.join('\n')}\n\n${p.body}\n`).join('') + `--${boundary}--\n`;
  return { headers: [`Content-Type: multipart/${subtype}; boundary="${boundary}"`], body: `This is a multi-part message in MIME format.\n\n${body}` };
}

/** Top-level headers + the root part → the message text. */
export function message(headers: string[], root: Part): string {
  return `${[...headers, 'MIME-Version: 1.0', ...root.headers].join('\n')}\n\n${root.body}\n`;
}
