/** Builders for raw RFC 5322 messages used as test fixtures. */

let counter = 0;

export interface RawOptions {
  from?: string;
  to?: string;
  subject?: string;
  date?: Date;
  messageId?: string;
  headers?: Record<string, string>;
}

function head(o: RawOptions, contentHeaders: string[]): string {
  counter += 1;
  const lines = [
    `From: ${o.from ?? 'Alice Example <alice@example.test>'}`,
    `To: ${o.to ?? 'bob@example.test'}`,
    `Subject: ${o.subject ?? `Test message ${counter}`}`,
    `Date: ${(o.date ?? new Date()).toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: ${o.messageId ?? `<t${Date.now()}.${counter}@example.test>`}`,
    'MIME-Version: 1.0',
    ...Object.entries(o.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
    ...contentHeaders,
  ];
  return lines.join('\r\n');
}

export function plainMessage(body: string, o: RawOptions = {}): string {
  return `${head(o, ['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit'])}\r\n\r\n${body}\r\n`;
}

export function htmlMessage(html: string, o: RawOptions = {}): string {
  const b = `alt-${counter}-${Math.random().toString(36).slice(2)}`;
  return [
    head(o, [`Content-Type: multipart/alternative; boundary="${b}"`]),
    '',
    `--${b}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Plain alternative',
    `--${b}`,
    'Content-Type: text/html; charset=utf-8',
    '',
    html,
    `--${b}--`,
    '',
  ].join('\r\n');
}

export function messageWithAttachment(body: string, file: { name: string; type: string; content: Buffer }, o: RawOptions = {}): string {
  const b = `mix-${counter}-${Math.random().toString(36).slice(2)}`;
  const b64 = file.content.toString('base64').replace(/.{76}/g, '$&\r\n');
  return [
    head(o, [`Content-Type: multipart/mixed; boundary="${b}"`]),
    '',
    `--${b}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    body,
    `--${b}`,
    `Content-Type: ${file.type}; name="${file.name}"`,
    `Content-Disposition: attachment; filename="${file.name}"`,
    'Content-Transfer-Encoding: base64',
    '',
    b64,
    `--${b}--`,
    '',
  ].join('\r\n');
}
