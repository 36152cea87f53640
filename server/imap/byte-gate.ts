/**
 * A process-wide budget of bytes held in memory at once. imapflow's APPEND
 * takes a whole Buffer (no streaming literal), so ten users sending 20 MB each
 * at the same moment would hold 200 MB; through this gate they take turns once
 * the budget is spent. One request larger than the budget still runs, alone.
 */
export class ByteGate {
  private inUse = 0;
  private readonly waiting: Array<{ bytes: number; go: () => void }> = [];

  constructor(readonly budget: number) {}

  async run<T>(bytes: number, fn: () => Promise<T>): Promise<T> {
    await this.acquire(bytes);
    try {
      return await fn();
    } finally {
      this.release(bytes);
    }
  }

  get bytesInUse(): number {
    return this.inUse;
  }

  private acquire(bytes: number): Promise<void> {
    if (this.fits(bytes) && this.waiting.length === 0) {
      this.inUse += bytes;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push({ bytes, go: resolve }));
  }

  private release(bytes: number): void {
    this.inUse -= bytes;
    // First come, first served: a large request is not starved by small ones behind it.
    while (this.waiting.length > 0 && this.fits(this.waiting[0]!.bytes)) {
      const next = this.waiting.shift()!;
      this.inUse += next.bytes;
      next.go();
    }
  }

  private fits(bytes: number): boolean {
    return this.inUse === 0 || this.inUse + bytes <= this.budget;
  }
}
