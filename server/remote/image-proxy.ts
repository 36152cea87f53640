import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { AppError } from '../errors.js';
import { PUBLIC_ONLY, vetUrl, type AddressPolicy } from './address-policy.js';
import { sniffImageType, type ImageType } from './sniff.js';

/**
 * Fetches a remote image on the user's behalf (issue 6 part 5), so the
 * tracker sees the server's address, never the user's IP or cookies. Every
 * hop is vetted by the address policy; the name is resolved once and the
 * socket connects to exactly the vetted address (a custom `lookup`), so a
 * DNS answer that changes between check and connect (rebinding) cannot
 * aim it at the inside. Host header and TLS SNI keep the name.
 */

export type ResolvedAddress = { address: string; family: number };
export type Resolver = (host: string) => Promise<ResolvedAddress[]>;

export interface ImageProxyOptions {
  maxBytes: number;
  /** Connect plus transfer, all redirects included. */
  timeoutMs: number;
  maxRedirects?: number;
  /** Injectable only so tests can aim at a loopback server; production uses PUBLIC_ONLY. */
  policy?: AddressPolicy;
  resolve?: Resolver;
}

export interface ProxiedImage {
  /** The type the first bytes prove, not the one the remote server claimed. */
  contentType: ImageType;
  /** Declared by the remote server and already checked against the cap; null when it sent none. */
  contentLength: number | null;
  /** The bytes, the sniffed head first; throws REMOTE_TOO_LARGE past the cap, REMOTE_FAILED on a broken transfer. */
  body: AsyncIterable<Buffer>;
  /** Stops the transfer (the browser went away). */
  abort(): void;
}

export const USER_AGENT = 'webmail-image-proxy';

/** What a remote server may claim; the sniff decides the type we answer with. No SVG: it is a document that can carry script. */
const DECLARED_TYPES = new Set([
  'image/png', 'image/apng', 'image/jpeg', 'image/jpg', 'image/pjpeg', 'image/gif', 'image/webp', 'image/avif', 'image/bmp',
  'image/x-bmp', 'image/x-ms-bmp', 'image/x-icon', 'image/vnd.microsoft.icon',
]);

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Enough for every signature in sniff.ts (AVIF's brands sit within the first 32 bytes). */
const SNIFF_BYTES = 32;

const defaultResolve: Resolver = (host) => dnsLookup(host, { all: true, verbatim: true });

function refused(why: string): AppError {
  return new AppError('REMOTE_REFUSED', `The image URL was refused: ${why}.`);
}

function failed(why: string, cause?: unknown): AppError {
  return new AppError('REMOTE_FAILED', `The remote image could not be fetched: ${why}.`, cause === undefined ? {} : { cause });
}

/** Rejects when `signal` aborts first (a DNS lookup has no timeout of its own). */
function racing<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(failed('timed out'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(failed('timed out'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}

interface Target {
  url: URL;
  host: string;
  port: number;
  address: ResolvedAddress;
}

export class ImageProxy {
  private readonly policy: AddressPolicy;
  private readonly resolve: Resolver;
  private readonly maxRedirects: number;

  constructor(private readonly opts: ImageProxyOptions) {
    this.policy = opts.policy ?? PUBLIC_ONLY;
    this.resolve = opts.resolve ?? defaultResolve;
    this.maxRedirects = opts.maxRedirects ?? 3;
  }

  /** Vets one hop: the URL, then every address its name resolves to. One refused address refuses the name. */
  async vet(raw: string, signal: AbortSignal): Promise<Target> {
    const verdict = vetUrl(raw, this.policy);
    if (!verdict.ok) throw refused(verdict.reason);
    const { url, host, port, literal } = verdict;
    if (literal) return { url, host, port, address: { address: literal, family: literal.includes(':') ? 6 : 4 } };
    let addresses: ResolvedAddress[];
    try {
      addresses = await racing(this.resolve(host), signal);
    } catch (err) {
      throw err instanceof AppError ? err : failed('the name does not resolve', err);
    }
    if (addresses.length === 0) throw failed('the name does not resolve');
    const bad = addresses.find((a) => !this.policy.isAllowedAddress(a.address));
    if (bad) throw refused('non-public-address');
    return { url, host, port, address: addresses[0]! };
  }

  async fetch(raw: string, outerSignal?: AbortSignal): Promise<ProxiedImage> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.opts.timeoutMs);
    timer.unref();
    const onOuterAbort = () => controller.abort();
    outerSignal?.addEventListener('abort', onOuterAbort, { once: true });
    const done = () => {
      clearTimeout(timer);
      outerSignal?.removeEventListener('abort', onOuterAbort);
    };
    try {
      let current = raw;
      for (let hop = 0; ; hop++) {
        const target = await this.vet(current, controller.signal);
        const res = await this.request(target, controller.signal);
        const status = res.statusCode ?? 0;
        if (REDIRECTS.has(status)) {
          res.resume();
          const location = res.headers.location;
          if (!location) throw failed('a redirect without a Location');
          if (hop >= this.maxRedirects) throw failed('too many redirects');
          // Resolved against the hop that sent it; the next loop vets it like the first URL.
          current = new URL(location, target.url).href;
          continue;
        }
        return await this.accept(res, controller, done);
      }
    } catch (err) {
      done();
      controller.abort();
      if (err instanceof AppError) throw err;
      throw failed(controller.signal.aborted ? 'timed out' : 'the connection failed', err);
    }
  }

  private request(target: Target, signal: AbortSignal): Promise<http.IncomingMessage> {
    const { url, host, port, address } = target;
    // Whatever name the socket asks for, it gets the address vetted above: no second DNS answer.
    const lookup: LookupFunction = (_hostname, options, callback) => {
      if (options.all) (callback as (err: null, addresses: ResolvedAddress[]) => void)(null, [address]);
      else callback(null, address.address, address.family);
    };
    const options: https.RequestOptions = {
      protocol: url.protocol,
      hostname: host,
      port,
      path: `${url.pathname}${url.search}`,
      method: 'GET',
      // Nothing that identifies the user: no cookies, no referrer, a fixed agent.
      headers: { 'user-agent': USER_AGENT, accept: 'image/avif,image/webp,image/png,image/jpeg,image/gif,image/*;q=0.8', 'accept-encoding': 'identity' },
      lookup,
      agent: false,
      signal,
      timeout: this.opts.timeoutMs,
      maxHeaderSize: 16 * 1024,
    };
    const mod = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const req = mod.request(options, resolve);
      req.on('timeout', () => req.destroy(failed('timed out')));
      req.on('error', reject);
      req.end();
    });
  }

  private async accept(res: http.IncomingMessage, controller: AbortController, done: () => void): Promise<ProxiedImage> {
    const status = res.statusCode ?? 0;
    if (status !== 200) throw failed(`the remote server answered ${status}`);
    const declared = String(res.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (!DECLARED_TYPES.has(declared)) throw new AppError('REMOTE_NOT_IMAGE', `The remote server sent ${declared || 'no type'}, not an image type the webmail passes.`);
    const encoding = String(res.headers['content-encoding'] ?? 'identity').toLowerCase();
    if (encoding !== 'identity') throw failed(`an encoded body (${encoding})`);
    const lengthHeader = res.headers['content-length'];
    const contentLength = lengthHeader !== undefined && /^\d+$/.test(lengthHeader) ? Number(lengthHeader) : null;
    const max = this.opts.maxBytes;
    if (contentLength !== null && contentLength > max) throw new AppError('REMOTE_TOO_LARGE', `The remote image is ${contentLength} bytes; the limit is ${max}.`);

    const iterator = res[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    const pending: Buffer[] = [];
    let received = 0;
    let ended = false;
    const next = async (): Promise<Buffer | null> => {
      let r: IteratorResult<Buffer>;
      try {
        r = await iterator.next();
      } catch (err) {
        throw failed(controller.signal.aborted ? 'timed out' : 'the transfer broke', err);
      }
      if (r.done) return null;
      received += r.value.length;
      if (received > max) throw new AppError('REMOTE_TOO_LARGE', `The remote image passed the limit of ${max} bytes.`);
      return r.value;
    };
    while (pending.reduce((n, b) => n + b.length, 0) < SNIFF_BYTES) {
      const chunk = await next();
      if (!chunk) {
        ended = true;
        break;
      }
      pending.push(chunk);
    }
    const head = Buffer.concat(pending);
    const contentType = sniffImageType(head);
    if (!contentType) throw new AppError('REMOTE_NOT_IMAGE', 'The remote content does not start like an image the webmail passes.');

    async function* body(): AsyncGenerator<Buffer> {
      try {
        if (head.length) yield head;
        if (ended) return;
        for (let chunk = await next(); chunk; chunk = await next()) yield chunk;
      } finally {
        done();
        if (!res.complete) controller.abort();
      }
    }
    return { contentType, contentLength, body: body(), abort: () => controller.abort() };
  }
}
