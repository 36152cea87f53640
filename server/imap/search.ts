import type { ImapFlow, SearchObject } from 'imapflow';
import { compressUids } from '../../shared/uid-set.js';

/**
 * UID SEARCH answered as a compact UID set ("1:100000"): one ESEARCH ALL
 * (RFC 4731) where offered, so 100,000 matches cost a few bytes; a plain
 * SEARCH list otherwise.
 */
export async function searchUidSet(client: ImapFlow, query: SearchObject): Promise<string> {
  if (client.capabilities.has('ESEARCH')) {
    const result = await client.search(query, { uid: true, returnOptions: ['all'] });
    if (result && typeof result === 'object' && !Array.isArray(result)) return (result as { all?: string }).all ?? '';
  }
  return compressUids((await client.search(query, { uid: true })) || []);
}
