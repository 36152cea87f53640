import type { ImapFlow } from 'imapflow';
import type { MailSession } from './session.js';
import { compressUids } from '../../shared/uid-set.js';
import { rawCommand, type Token } from './raw.js';

const PREVIEW_MAX = 200;

function textOf(token: Token | undefined): string | null {
  if (!token || token.value === null || token.value === undefined) return null; // NIL
  const raw = Buffer.isBuffer(token.value) ? token.value.toString('utf8') : String(token.value);
  const text = raw.replace(/\s+/g, ' ').trim();
  return text ? text.slice(0, PREVIEW_MAX) : null;
}

/**
 * RFC 8970 PREVIEW: the server's own short text of each message, computed once
 * and cached in its index. imapflow has no helper for it, so the command goes
 * through its raw interface; a server without PREVIEW simply gives none.
 */
async function fetchPreviews(client: ImapFlow, uids: number[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  if (!client.capabilities.has('PREVIEW') || uids.length === 0) return out;
  await rawCommand(client, 'UID FETCH', [{ type: 'SEQUENCE', value: compressUids(uids) }, [{ type: 'ATOM', value: 'PREVIEW' }]], {
    FETCH: async (untagged) => {
      const items = (untagged.attributes?.[1] ?? []) as Token[];
      let uid: number | null = null;
      let preview: string | null = null;
      for (let i = 0; i + 1 < items.length; i += 2) {
        const key = String(items[i]?.value ?? '').toUpperCase();
        if (key === 'UID') uid = Number(items[i + 1]?.value);
        if (key === 'PREVIEW') preview = textOf(items[i + 1]);
      }
      if (uid && preview) out[String(uid)] = preview;
    },
  });
  return out;
}

/** Previews for the rows of one list page, asked for after the page itself so they never delay it. */
export async function listPreviews(session: MailSession, path: string, uids: number[]): Promise<Record<string, string>> {
  return session.withMailbox(path, ({ client }) => fetchPreviews(client, uids), { readOnly: true });
}
