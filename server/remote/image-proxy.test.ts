import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import type { AddressPolicy } from './address-policy.js';
import { ImageProxy, USER_AGENT, type ProxiedImage, type ResolvedAddress } from './image-proxy.js';
import { sniffImageType } from './sniff.js';

// A loopback server stands in for the remote image host. Only this file's
// injected policy lets the proxy reach 127.0.0.1 (and this one port); the
// production policy is proved to refuse it below and in remote.int.test.ts.

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);
const GIF = Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(30, 1)]);

let server: http.Server;
let port: number;
const seen: http.IncomingHttpHeaders[] = [];
const routes = new Map<string, (req: http.IncomingMessage, res: http.ServerResponse) => void>();

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push(req.headers);
    const route = routes.get((req.url ?? '').split('?')[0]!);
    if (route) route(req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});
beforeEach(() => {
  seen.length = 0;
  routes.clear();
});

const LOOPBACK_ONLY = (): AddressPolicy => ({ isAllowedAddress: (a) => a === '127.0.0.1', allowedPorts: new Set([port]) });

function proxyWith(opts: { resolve?: (host: string) => Promise<ResolvedAddress[]>; maxBytes?: number; timeoutMs?: number } = {}) {
  return new ImageProxy({
    maxBytes: opts.maxBytes ?? 1024 * 1024,
    timeoutMs: opts.timeoutMs ?? 3000,
    policy: LOOPBACK_ONLY(),
    resolve: opts.resolve ?? (async () => [{ address: '127.0.0.1', family: 4 }]),
  });
}

function serve(path: string, type: string, body: Buffer, extra: http.OutgoingHttpHeaders = {}) {
  routes.set(path, (_req, res) => res.writeHead(200, { 'content-type': type, 'content-length': body.length, ...extra }).end(body));
}

function redirect(path: string, to: string) {
  routes.set(path, (_req, res) => res.writeHead(302, { location: to }).end());
}

async function read(image: ProxiedImage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of image.body) chunks.push(c);
  return Buffer.concat(chunks);
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    const v = await p;
    if (v && typeof v === 'object' && 'body' in v) await read(v as ProxiedImage);
    return 'ok';
  } catch (err) {
    return err instanceof AppError ? err.code : `not an AppError: ${String(err)}`;
  }
}

describe('ImageProxy, aimed at a loopback test server', () => {
  it('fetches an image by name, connecting to the resolved address and sending only the fixed headers', async () => {
    serve('/pixel.png', 'image/png', PNG);
    const image = await proxyWith().fetch(`http://images.example.com:${port}/pixel.png?id=42`);
    expect(image.contentType).toBe('image/png');
    expect(image.contentLength).toBe(PNG.length);
    expect(await read(image)).toEqual(PNG);
    expect(seen).toHaveLength(1);
    // The Host header keeps the name; nothing identifies the user.
    expect(seen[0]!.host).toBe(`images.example.com:${port}`);
    expect(seen[0]!['user-agent']).toBe(USER_AGENT);
    expect(seen[0]!.cookie).toBeUndefined();
    expect(seen[0]!.referer).toBeUndefined();
    expect(Object.keys(seen[0]!).sort()).toEqual(['accept', 'accept-encoding', 'connection', 'host', 'user-agent']);
  });

  it('resolves a name once and connects to that answer, whatever DNS would say later (no rebinding)', async () => {
    serve('/a.gif', 'image/gif', GIF);
    const answers = [[{ address: '127.0.0.1', family: 4 }], [{ address: '10.0.0.1', family: 4 }]];
    let calls = 0;
    const image = await proxyWith({ resolve: async () => answers[Math.min(calls++, 1)]! }).fetch(`http://rebind.example.com:${port}/a.gif`);
    expect(await read(image)).toEqual(GIF);
    expect(calls).toBe(1);
  });

  it('refuses a name if any of its addresses is refused, before connecting', async () => {
    serve('/a.gif', 'image/gif', GIF);
    const resolve = async () => [
      { address: '127.0.0.1', family: 4 },
      { address: '10.0.0.1', family: 4 },
    ];
    expect(await codeOf(proxyWith({ resolve }).fetch(`http://mixed.example.com:${port}/a.gif`))).toBe('REMOTE_REFUSED');
    expect(seen).toHaveLength(0);
  });

  it('follows up to three redirects, re-vetting each hop', async () => {
    serve('/img.gif', 'image/gif', GIF);
    redirect('/r1', '/r2');
    redirect('/r2', `http://127.0.0.1:${port}/r3`);
    redirect('/r3', '/img.gif');
    const image = await proxyWith().fetch(`http://images.example.com:${port}/r1`);
    expect(await read(image)).toEqual(GIF);
    expect(seen).toHaveLength(4);

    seen.length = 0;
    redirect('/r0', '/r1');
    expect(await codeOf(proxyWith().fetch(`http://images.example.com:${port}/r0`))).toBe('REMOTE_FAILED');
    expect(seen).toHaveLength(4); // the fourth redirect is never followed
  });

  it.each([
    ['another loopback address', () => `http://127.0.0.2:${port}/img.gif`],
    ['cloud metadata', () => 'http://169.254.169.254/latest/meta-data/'],
    ['localhost', () => `http://localhost:${port}/img.gif`],
    ['a private address', () => `http://10.0.0.1:${port}/`],
    ['an IPv6 loopback', () => `http://[::1]:${port}/`],
    ['another port', () => 'http://127.0.0.1:22/'],
    ['a file URL', () => 'file:///etc/passwd'],
  ])('refuses a redirect to %s without connecting there', async (_name, to) => {
    redirect('/go', to());
    expect(await codeOf(proxyWith().fetch(`http://images.example.com:${port}/go`))).toBe('REMOTE_REFUSED');
    expect(seen).toHaveLength(1);
  });

  it('passes only image types, by header and by the first bytes', async () => {
    serve('/svg', 'image/svg+xml', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'));
    serve('/html-as-png', 'image/png', Buffer.from('<html><script>alert(1)</script></html>'.padEnd(64)));
    serve('/svg-as-png', 'image/png', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'));
    serve('/png-as-html', 'text/html', PNG);
    serve('/no-type', '', PNG);
    serve('/tiny', 'image/png', Buffer.from([0x89, 0x50]));
    for (const path of ['/svg', '/html-as-png', '/svg-as-png', '/png-as-html', '/no-type', '/tiny']) {
      expect(await codeOf(proxyWith().fetch(`http://images.example.com:${port}${path}`)), path).toBe('REMOTE_NOT_IMAGE');
    }
  });

  it('answers with the type the bytes prove, not the one claimed', async () => {
    serve('/gif-said-png', 'image/png; charset=binary', GIF);
    const image = await proxyWith().fetch(`http://images.example.com:${port}/gif-said-png`);
    expect(image.contentType).toBe('image/gif');
    await read(image);
  });

  it('refuses a declared length past the cap without reading the body', async () => {
    serve('/big', 'image/png', PNG);
    expect(await codeOf(proxyWith({ maxBytes: 100 }).fetch(`http://images.example.com:${port}/big`))).toBe('REMOTE_TOO_LARGE');
  });

  it('stops a streamed body (no Content-Length) as soon as it passes the cap', async () => {
    let sent = 0;
    routes.set('/endless', (_req, res) => {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.write(PNG);
      const timer = setInterval(() => {
        sent += 4096;
        if (!res.write(Buffer.alloc(4096)) || sent > 10 * 1024 * 1024) clearInterval(timer);
      }, 1);
      res.on('close', () => clearInterval(timer));
    });
    expect(await codeOf(proxyWith({ maxBytes: 64 * 1024 }).fetch(`http://images.example.com:${port}/endless`))).toBe('REMOTE_TOO_LARGE');
    expect(sent).toBeLessThan(10 * 1024 * 1024);
  });

  it('gives up on a server that never answers, within the time limit', async () => {
    routes.set('/hang', () => undefined);
    const t = Date.now();
    expect(await codeOf(proxyWith({ timeoutMs: 400 }).fetch(`http://images.example.com:${port}/hang`))).toBe('REMOTE_FAILED');
    expect(Date.now() - t).toBeLessThan(2500);
  });

  it('gives up on a body that drips past the total time limit', async () => {
    routes.set('/drip', (_req, res) => {
      res.writeHead(200, { 'content-type': 'image/gif' });
      res.write(GIF);
      const timer = setInterval(() => res.write(Buffer.alloc(1)), 50);
      res.on('close', () => clearInterval(timer));
    });
    const t = Date.now();
    expect(await codeOf(proxyWith({ timeoutMs: 500 }).fetch(`http://images.example.com:${port}/drip`))).toBe('REMOTE_FAILED');
    expect(Date.now() - t).toBeLessThan(2500);
  });

  it('fails on a remote error status, an encoded body, and a name that does not resolve', async () => {
    routes.set('/500', (_req, res) => res.writeHead(500).end());
    serve('/gz', 'image/png', PNG, { 'content-encoding': 'gzip' });
    expect(await codeOf(proxyWith().fetch(`http://images.example.com:${port}/500`))).toBe('REMOTE_FAILED');
    expect(await codeOf(proxyWith().fetch(`http://images.example.com:${port}/gz`))).toBe('REMOTE_FAILED');
    const nx = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    expect(await codeOf(proxyWith({ resolve: nx }).fetch(`http://nx.example.com:${port}/x`))).toBe('REMOTE_FAILED');
  });
});

describe('ImageProxy with the production policy', () => {
  it('refuses the loopback test server by address and by port, and nothing reaches it', async () => {
    serve('/pixel.png', 'image/png', PNG);
    const proxy = new ImageProxy({ maxBytes: 1024, timeoutMs: 1000, resolve: async () => [{ address: '127.0.0.1', family: 4 }] });
    expect(await codeOf(proxy.fetch(`http://127.0.0.1:${port}/pixel.png`))).toBe('REMOTE_REFUSED');
    expect(await codeOf(proxy.fetch('http://127.0.0.1/pixel.png'))).toBe('REMOTE_REFUSED');
    // A public-looking name whose DNS answer is loopback: refused after the lookup.
    expect(await codeOf(proxy.fetch('http://images.example.com/pixel.png'))).toBe('REMOTE_REFUSED');
    expect(seen).toHaveLength(0);
  });
});

describe('sniffImageType', () => {
  const avif = Buffer.concat([Buffer.from([0, 0, 0, 0x1c]), Buffer.from('ftypavif'), Buffer.alloc(4), Buffer.from('avifmif1miaf'), Buffer.alloc(8)]);
  const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 '), Buffer.alloc(16)]);
  it.each([
    ['png', PNG, 'image/png'],
    ['gif', GIF, 'image/gif'],
    ['jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'image/jpeg'],
    ['webp', webp, 'image/webp'],
    ['avif', avif, 'image/avif'],
    ['bmp', Buffer.concat([Buffer.from('BM'), Buffer.alloc(30)]), 'image/bmp'],
    ['ico', Buffer.from([0, 0, 1, 0, 1, 0, 16, 16]), 'image/x-icon'],
  ])('recognises %s', (_n, bytes, type) => {
    expect(sniffImageType(bytes)).toBe(type);
  });
  it.each([
    ['svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>')],
    ['xml svg', Buffer.from('<?xml version="1.0"?><svg/>')],
    ['html', Buffer.from('<!doctype html><script>')],
    ['RIFF but WAVE', Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WAVEfmt '), Buffer.alloc(16)])],
    ['mp4', Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), Buffer.alloc(4), Buffer.from('isomiso2'), Buffer.alloc(8)])],
    ['empty', Buffer.alloc(0)],
  ])('refuses %s', (_n, bytes) => {
    expect(sniffImageType(bytes)).toBeNull();
  });
});
