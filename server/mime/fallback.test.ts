import { describe, expect, it } from 'vitest';
import { parseSource } from './fallback.js';

describe('lenient parsing of malformed messages', () => {
  it('recovers text from a multipart message whose boundary never appears', async () => {
    const raw = [
      'From: a@example.test',
      'Subject: broken',
      'Content-Type: multipart/mixed; boundary="nope"',
      '',
      'Hello despite the broken boundary.',
      '',
    ].join('\r\n');
    const parsed = await parseSource(Buffer.from(raw));
    expect(`${parsed.text ?? ''}${parsed.html ?? ''}`).toContain('Hello despite the broken boundary.');
  });

  it('survives invalid base64 and a message without any header', async () => {
    const bad = await parseSource(Buffer.from('Content-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!not base64***\r\n'));
    expect(bad.truncated).toBe(false);
    const bare = await parseSource(Buffer.from('just a line of text\r\n'));
    expect(bare.text ?? '').toContain('just a line of text');
  });
});
