import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Keeps a user's password on the server between requests (DESIGN.md §2): it is
 * needed for IMAP reconnects and SMTP AUTH, and never goes to the browser.
 * AES-256-GCM with a key derived from the server secret, so a memory or store
 * dump without the secret does not reveal it.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(serverSecret: string, purpose = 'webmail credentials v1') {
    this.key = Buffer.from(hkdfSync('sha256', serverSecret, 'webmail', purpose, 32));
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  open(sealed: string): string {
    const raw = Buffer.from(sealed, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }
}
