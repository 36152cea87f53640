import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Keeps a user's password on the server between requests (DESIGN.md §2): it is
 * needed for IMAP reconnects and SMTP AUTH, and never goes to the browser.
 * AES-256-GCM with a key derived from the server secret, so a memory or store
 * dump without the secret does not reveal it. GCM's tag makes a tampered
 * value fail to open rather than open to something else.
 *
 * Rotation: a box made with the previous secret too opens what either sealed,
 * and seals with the current one only (`opened().stale` says when to seal again).
 */
export class SecretBox {
  private readonly key: Buffer;
  private readonly previousKey: Buffer | null;

  constructor(serverSecret: string, options: { purpose?: string; previousSecret?: string | null } = {}) {
    const purpose = options.purpose ?? 'webmail credentials v1';
    this.key = deriveKey(serverSecret, purpose);
    this.previousKey = options.previousSecret ? deriveKey(options.previousSecret, purpose) : null;
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  /** The plain text; throws when neither secret sealed it or it was altered. */
  open(sealed: string): string {
    return this.opened(sealed).plain;
  }

  /** The plain text, and whether it was sealed under the previous secret (then seal it again). */
  opened(sealed: string): { plain: string; stale: boolean } {
    try {
      return { plain: openWith(this.key, sealed), stale: false };
    } catch (err) {
      if (!this.previousKey) throw err;
      return { plain: openWith(this.previousKey, sealed), stale: true };
    }
  }
}

function deriveKey(secret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'webmail', purpose, 32));
}

function openWith(key: Buffer, sealed: string): string {
  const raw = Buffer.from(sealed, 'base64');
  if (raw.length < 28) throw new Error('sealed value too short');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}
