import type { SpamVerdict } from '../../shared/mail.js';

/**
 * Raw header blocks (as IMAP returns them for BODY.PEEK[HEADER.FIELDS (…)])
 * into a lower-cased name → values map, unfolding continuation lines (RFC 5322 §2.2.3).
 */
export function parseHeaderBlock(raw: Buffer | string | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (!raw) return out;
  const text = (typeof raw === 'string' ? raw : raw.toString('utf8')).replace(/\r?\n[ \t]+/g, ' ');
  for (const line of text.split(/\r?\n/)) {
    const m = /^([!-9;-~]+):\s*(.*)$/.exec(line);
    if (!m) continue;
    const name = m[1]!.toLowerCase();
    out.set(name, [...(out.get(name) ?? []), m[2]!.trim()]);
  }
  return out;
}

/** The header fields the list and reader fetch to judge spam. */
export const SPAM_HEADER_FIELDS = ['x-spam-flag', 'x-spam-status', 'x-spam-score'];

const SPAM_SUBJECT = /^\s*(?:(?:re|fwd?|aw|wg)\s*:\s*)*\[(?:spam|\*\*\*\*\*spam\*\*\*\*\*)\]/i;

/**
 * How the mail server judged a message: SpamAssassin/rspamd's X-Spam-Flag and
 * X-Spam-Status ("Yes, score=7.3 required=5.0 …"), or the "[SPAM]" subject tag
 * that many setups add instead.
 */
export function spamVerdict(headers: Map<string, string[]>, subject: string): SpamVerdict {
  const flag = headers.get('x-spam-flag')?.[0];
  const status = headers.get('x-spam-status')?.[0];
  const scoreHeader = headers.get('x-spam-score')?.[0];
  const tagged = /^\s*yes\b/i.test(flag ?? '') || /^\s*yes\b/i.test(status ?? '') || SPAM_SUBJECT.test(subject);
  const scoreText = /\bscore=(-?\d+(?:\.\d+)?)/i.exec(status ?? '')?.[1] ?? /^\s*(-?\d+(?:\.\d+)?)/.exec(scoreHeader ?? '')?.[1];
  const score = scoreText === undefined ? null : Number(scoreText);
  return { tagged, score: Number.isFinite(score) ? score : null };
}
