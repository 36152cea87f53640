import https from 'node:https';
import { isIP } from 'node:net';
import { API, CSRF_HEADER, sessionInfoSchema } from '../../shared/api.js';

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  json: T;
}

/**
 * A minimal browser stand-in for integration tests and benchmarks: one
 * cookie jar, the CSRF token in memory, TLS verified against the server's CA.
 * Keep-alive is on, as in a browser, so timings do not include handshakes.
 */
export class ApiClient {
  private cookie: string | null = null;
  csrfToken: string | null = null;
  /** Also usable for other clients (socket.io) that should reach the server the same way. */
  readonly agent: https.Agent;

  constructor(
    readonly baseUrl: string,
    ca: string,
    opts: { resolveTo?: string; localAddress?: string } = {},
  ) {
    // resolveTo: reach a named host (mail.example.test) on a loopback address, as DNS would in production.
    const lookup = opts.resolveTo
      ? (_host: string, options: { all?: boolean }, cb: (...args: unknown[]) => void) =>
          options.all ? cb(null, [{ address: opts.resolveTo, family: 4 }]) : cb(null, opts.resolveTo, 4)
      : undefined;
    this.agent = new https.Agent({
      ca,
      keepAlive: true,
      maxSockets: 6,
      ...(lookup ? { lookup: lookup as never } : {}),
      // Another loopback source address stands in for a distinct client machine.
      ...(opts.localAddress ? { localAddress: opts.localAddress } : {}),
    });
  }

  /**
   * One request. A GET that fails with ECONNRESET on a reused keep-alive
   * socket is sent again once, as browsers do: the server closed the idle
   * socket (its keep-alive timeout) just as the request went out on it.
   */
  async request<T = unknown>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    try {
      return await this.send<T>(method, path, body, headers);
    } catch (err) {
      const stale = (err as NodeJS.ErrnoException).code === 'ECONNRESET' && (err as { reusedSocket?: boolean }).reusedSocket;
      if (method !== 'GET' || !stale) throw err;
      return this.send<T>(method, path, body, headers);
    }
  }

  private send<T>(method: string, path: string, body: unknown, headers: Record<string, string>): Promise<ApiResponse<T>> {
    const payload = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    const h: Record<string, string> = { accept: 'application/json', ...headers };
    if (payload && !h['content-type']) h['content-type'] = 'application/json';
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrfToken && method !== 'GET' && h[CSRF_HEADER] === undefined) h[CSRF_HEADER] = this.csrfToken;
    return new Promise((resolve, reject) => {
      // A test may send another Host header (aliases, forged hosts): SNI and the certificate
      // check still follow the URL's host, not that header.
      const url = new URL(path, this.baseUrl);
      const servername = isIP(url.hostname) ? '' : url.hostname;
      const req = https.request(url, { method, headers: h, agent: this.agent, servername }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const setCookie = res.headers['set-cookie'];
          for (const c of setCookie ?? []) {
            const [pair] = c.split(';');
            if (/Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(c)) this.cookie = null;
            else if (pair) this.cookie = pair;
          }
          const raw = Buffer.concat(chunks);
          let json: unknown = null;
          const type = String(res.headers['content-type'] ?? '');
          // NDJSON (streamed answers) comes back as the array of its lines' values.
          if (type.includes('ndjson')) json = raw.toString('utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as unknown);
          else if (type.includes('json') && raw.length) json = JSON.parse(raw.toString('utf8'));
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: raw, json: json as T });
        });
        res.on('error', reject);
      });
      req.on('error', (err) => reject(Object.assign(err, { reusedSocket: req.reusedSocket })));
      if (payload) req.write(payload);
      req.end();
    });
  }

  get<T = unknown>(path: string): Promise<ApiResponse<T>> {
    return this.request<T>('GET', path);
  }

  post<T = unknown>(path: string, body: unknown): Promise<ApiResponse<T>> {
    return this.request<T>('POST', path, body);
  }

  async login(address: string, password: string): Promise<ApiResponse> {
    const res = await this.post(API.session, { address, password });
    if (res.status === 200) this.csrfToken = sessionInfoSchema.parse(res.json).csrfToken;
    return res;
  }

  get sessionCookie(): string | null {
    return this.cookie;
  }

  close(): void {
    this.agent.destroy();
  }
}
