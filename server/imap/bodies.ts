import type { ImapFlow } from 'imapflow';
import type { Attachment } from '../../shared/mail.js';
import { parseSource } from '../mime/fallback.js';
import type { MessageParts } from '../mime/structure.js';

export interface Bodies {
  html: string | null;
  text: string | null;
  truncated: boolean;
  malformed: boolean;
  /** Set only when the fallback parser replaced the structure's attachment list. */
  attachments?: Attachment[];
}

async function collect(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function readText(client: ImapFlow, uid: number, partId: string, limit: number): Promise<{ text: string; truncated: boolean }> {
  // download() decodes the transfer encoding, the charset and format=flowed for text parts.
  const { content } = await client.download(String(uid), partId, { uid: true, maxBytes: limit + 1 });
  if (!content) return { text: '', truncated: false };
  const all = await collect(content);
  const truncated = all.length > limit;
  return { text: (truncated ? all.subarray(0, limit) : all).toString('utf8'), truncated };
}

const SOURCE_LIMIT = 8 * 1024 * 1024;

/**
 * Reads the display bodies chosen from the structure. When the structure offers
 * nothing to show (a broken boundary, a message without MIME headers, a part the
 * server cannot decode), the raw source is handed to mailparser, which is
 * lenient, and whatever it recovers is shown with `malformed` set.
 */
export async function readBodies(client: ImapFlow, uid: number, parts: MessageParts, limit: number): Promise<Bodies> {
  if (!parts.suspect) {
    try {
      if (parts.html || parts.text) {
        const html = parts.html ? await readText(client, uid, parts.html.partId, limit) : null;
        const text = parts.text ? await readText(client, uid, parts.text.partId, limit) : null;
        return {
          html: html?.text ?? null,
          text: text?.text ?? null,
          truncated: Boolean(html?.truncated || text?.truncated),
          malformed: false,
        };
      }
      // An attachments-only message (a forwarded .eml, a scanner's PDF) is well formed.
      if (parts.attachments.length > 0) return { html: null, text: null, truncated: false, malformed: false };
    } catch {
      // a part the server could not decode: fall through to the lenient parser
    }
  }
  const { content } = await client.download(String(uid), undefined, { uid: true, maxBytes: SOURCE_LIMIT });
  if (!content) return { html: null, text: null, truncated: false, malformed: true };
  const parsed = await parseSource(await collect(content));
  return { html: parsed.html, text: parsed.text, truncated: parsed.truncated, malformed: true, attachments: [] };
}
