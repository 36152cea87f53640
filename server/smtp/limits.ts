import type { Config } from '../config/config.js';
import { smtpOptions, withSmtpConnection } from './transport.js';

/** A name no server advertises: our handler reads the EHLO facts and "authenticates" without a byte on the wire. */
const PROBE_METHOD = 'X-WEBMAIL-EHLO-PROBE';

/** The SIZE a server announced in its EHLO lines (RFC 1870 §4), 0 when none or "SIZE" without a number. */
export function sizeFromEhlo(lines: string[]): number {
  for (const line of lines) {
    const m = /^SIZE(?:\s+(\d+))?\s*$/i.exec(line.trim());
    if (m) return Number(m[1] ?? 0) || 0;
  }
  return 0;
}

/** Connects (through STARTTLS when configured, so we see the EHLO that counts) and reads the advertised SIZE. */
export async function probeSubmissionSize(config: Config['smtp']): Promise<number> {
  let size = 0;
  const options = {
    ...smtpOptions(config),
    connectionTimeout: 5_000,
    greetingTimeout: 5_000,
    customAuth: {
      [PROBE_METHOD]: (ctx: { maxAllowedSize: number | false; resolve(): void }) => {
        size = ctx.maxAllowedSize || 0;
        ctx.resolve();
      },
    },
  };
  await withSmtpConnection(options, (conn, call) => call<boolean>((cb) => conn.login({ method: PROBE_METHOD }, (err, ok) => cb(err, ok))));
  return size;
}

/**
 * The largest message we hand to the submission server: the configured cap,
 * lowered by the server's EHLO SIZE. Cached per process; a probe that fails
 * falls back to the cap and is retried sooner. Each real send refreshes it.
 */
export class SubmissionLimits {
  private serverSize: number | null = null;
  private checkedAt = 0;
  private probing: Promise<void> | null = null;

  constructor(
    private readonly config: Config,
    private readonly opts: { ttlMs?: number; retryMs?: number; now?: () => number; probe?: (c: Config['smtp']) => Promise<number> } = {},
  ) {}

  async maxMessageBytes(): Promise<number> {
    const now = (this.opts.now ?? Date.now)();
    const ttl = this.serverSize === null ? (this.opts.retryMs ?? 60_000) : (this.opts.ttlMs ?? 15 * 60_000);
    if (this.checkedAt === 0 || now - this.checkedAt > ttl) {
      this.probing ??= (this.opts.probe ?? probeSubmissionSize)(this.config.smtp)
        .then((size) => this.record(size))
        .catch(() => {
          this.serverSize = null;
          this.checkedAt = (this.opts.now ?? Date.now)();
        })
        .finally(() => {
          this.probing = null;
        });
      await this.probing;
    }
    return this.effective();
  }

  /** What a real send saw on its connection. */
  noteEhlo(lines: string[]): void {
    if (lines.length) this.record(sizeFromEhlo(lines));
  }

  private record(size: number): void {
    this.serverSize = size;
    this.checkedAt = (this.opts.now ?? Date.now)();
  }

  private effective(): number {
    const cap = this.config.compose.maxMessageBytes;
    return this.serverSize ? Math.min(cap, this.serverSize) : cap;
  }
}

/**
 * The raw bytes of attachments that fit: base64 turns each 57 bytes into a
 * 76-character line plus CRLF (RFC 2045 §6.8), and headers and the body need room.
 */
export function attachmentBudget(maxMessageBytes: number): number {
  const reserve = Math.min(256 * 1024, Math.floor(maxMessageBytes / 10));
  return Math.max(1, Math.floor(((maxMessageBytes - reserve) * 57) / 78));
}
