/**
 * Login throttling per client IP and per account: failed attempts within a
 * sliding window. Once either budget is spent, further attempts are refused
 * before the IMAP server is asked, with the same generic answer whether or not
 * the account exists (no user enumeration).
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limits: { perIp: number; perAccount: number; windowMs: number },
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until the caller may try again, or 0 when an attempt is allowed now. */
  retryAfter(ip: string, account: string): number {
    const wait = Math.max(this.waitFor(`ip:${ip}`, this.limits.perIp), this.waitFor(`acct:${account.toLowerCase()}`, this.limits.perAccount));
    return Math.ceil(wait / 1000);
  }

  recordFailure(ip: string, account: string): void {
    for (const key of [`ip:${ip}`, `acct:${account.toLowerCase()}`]) {
      const list = this.recent(key);
      list.push(this.now());
      this.failures.set(key, list);
    }
  }

  /** A successful login clears the account's record (not the IP's: one good password must not unlock guessing others). */
  recordSuccess(account: string): void {
    this.failures.delete(`acct:${account.toLowerCase()}`);
  }

  /** Drops expired entries; called periodically so the map cannot grow without bound. */
  prune(): void {
    for (const key of [...this.failures.keys()]) {
      const list = this.recent(key);
      if (list.length === 0) this.failures.delete(key);
      else this.failures.set(key, list);
    }
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - this.limits.windowMs;
    return (this.failures.get(key) ?? []).filter((t) => t > cutoff);
  }

  private waitFor(key: string, limit: number): number {
    const list = this.recent(key);
    if (list.length < limit) return 0;
    // The attempt that fell out of the window frees a slot.
    return list[list.length - limit]! + this.limits.windowMs - this.now();
  }
}
