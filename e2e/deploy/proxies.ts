// Runs Debian's real nginx and Apache with the project's deploy/ files on
// loopback ports in front of a test webmail. The example files are used as
// shipped; only their names, ports and paths are rewritten for the sandbox,
// so a change to their directives is what the tests exercise.
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { generate } from 'selfsigned';
import { freePort } from '../support/webmail.js';

const run = promisify(execFile);
const REPO = path.resolve(import.meta.dirname, '..', '..');
export const PUBLIC_NAME = 'mail.example.test';
export const ALIAS_NAME = 'webmail.example.test';

export interface ProxySite {
  dir: string;
  httpPort: number;
  httpsPort: number;
  /** The site certificate (covers both names), for clients to trust. */
  certPem: string;
  publicHost: string;
}

/** A fresh sandbox directory with ports and a certificate for mail.example.test and its alias. */
export async function prepareSite(kind: string): Promise<ProxySite> {
  const dir = mkdtempSync(path.join(tmpdir(), `webmail-${kind}-`));
  chmodSync(dir, 0o755); // nginx and Apache workers drop root and must read it
  const pems = await generate([{ name: 'commonName', value: PUBLIC_NAME }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: PUBLIC_NAME }, { type: 2, value: ALIAS_NAME }] }],
  });
  writeFileSync(path.join(dir, 'site.crt'), pems.cert, { mode: 0o644 });
  writeFileSync(path.join(dir, 'site.key'), pems.private, { mode: 0o644 });
  const [httpPort, httpsPort] = [await freePort(), await freePort()];
  return { dir, httpPort, httpsPort, certPem: pems.cert, publicHost: `${PUBLIC_NAME}:${httpsPort}` };
}

/** The shipped example with example.com → example.test, and its paths and ports pointed into the sandbox. */
function rewrite(file: string, site: ProxySite, app: { port: number; certFile: string }, rules: Array<[RegExp, string]>): string {
  let text = readFileSync(path.join(REPO, file), 'utf8').replaceAll('example.com', 'example.test');
  for (const [pattern, replacement] of rules) {
    if (!pattern.test(text)) throw new Error(`${file} no longer contains ${pattern}: update the test's rewrite rules`);
    text = text.replace(pattern, replacement);
  }
  return text
    .replaceAll(`/etc/letsencrypt/live/${PUBLIC_NAME}/fullchain.pem`, path.join(site.dir, 'site.crt'))
    .replaceAll(`/etc/letsencrypt/live/${PUBLIC_NAME}/privkey.pem`, path.join(site.dir, 'site.key'))
    .replaceAll('/var/lib/webmail/tls/self-signed.crt', app.certFile);
}

export interface RunningProxy {
  stop(): Promise<void>;
  log(): string;
}

export async function startNginx(site: ProxySite, app: { port: number; certFile: string }): Promise<RunningProxy> {
  const conf = rewrite('deploy/nginx/webmail.conf', site, app, [
    [/listen 80;/g, `listen 127.0.0.1:${site.httpPort};`],
    [/listen 443 ssl http2;/g, `listen 127.0.0.1:${site.httpsPort} ssl http2;`],
    [/\n\s*listen \[::\]:(80|443)( ssl http2)?;/g, ''],
    [/server 127\.0\.0\.1:8443;/, `server 127.0.0.1:${app.port};`],
    [/return 301 https:\/\/mail\.example\.test\$request_uri;/g, `return 301 https://${site.publicHost}$request_uri;`],
  ]);
  writeFileSync(path.join(site.dir, 'webmail.conf'), conf);
  for (const d of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(path.join(site.dir, d), { recursive: true });
  const main = [
    `pid ${site.dir}/nginx.pid;`,
    `error_log ${site.dir}/error.log info;`,
    'worker_processes 1;',
    'events { worker_connections 256; }',
    'http {',
    `  access_log ${site.dir}/access.log;`,
    `  client_body_temp_path ${site.dir}/body; proxy_temp_path ${site.dir}/proxy;`,
    `  fastcgi_temp_path ${site.dir}/fastcgi; uwsgi_temp_path ${site.dir}/uwsgi; scgi_temp_path ${site.dir}/scgi;`,
    `  include ${site.dir}/webmail.conf;`,
    '}',
  ].join('\n');
  writeFileSync(path.join(site.dir, 'nginx.conf'), main);
  const args = ['-p', site.dir, '-c', path.join(site.dir, 'nginx.conf'), '-e', path.join(site.dir, 'error.log')];
  await run('nginx', [...args, '-t']);
  await run('nginx', args);
  return {
    stop: async () => void (await run('nginx', [...args, '-s', 'quit']).catch(() => undefined)),
    log: () => readFileSync(path.join(site.dir, 'error.log'), 'utf8'),
  };
}

const APACHE_MODULES = [
  'mpm_event', 'authz_core', 'alias', 'ssl', 'socache_shmcb', 'proxy', 'proxy_http', 'proxy_wstunnel', 'headers', 'rewrite',
];

export async function startApache(site: ProxySite, app: { port: number; certFile: string }): Promise<RunningProxy> {
  const conf = rewrite('deploy/apache/webmail.conf', site, app, [
    [/<VirtualHost \*:80>/g, `<VirtualHost 127.0.0.1:${site.httpPort}>`],
    [/<VirtualHost \*:443>/g, `<VirtualHost 127.0.0.1:${site.httpsPort}>`],
    [/https:\/\/localhost:8443\//g, `https://localhost:${app.port}/`],
    [/Redirect permanent \/ https:\/\/mail\.example\.test\//g, `Redirect permanent / https://${site.publicHost}/`],
  ]);
  writeFileSync(path.join(site.dir, 'webmail.conf'), conf);
  const main = [
    ...APACHE_MODULES.map((m) => `LoadModule ${m}_module /usr/lib/apache2/modules/mod_${m}.so`),
    `ServerRoot ${site.dir}`,
    `PidFile ${site.dir}/httpd.pid`,
    `DefaultRuntimeDir ${site.dir}`,
    `ErrorLog ${site.dir}/error.log`,
    'LogLevel warn',
    'ServerName localhost',
    'User nobody',
    'Group nogroup',
    `Listen 127.0.0.1:${site.httpPort}`,
    `Listen 127.0.0.1:${site.httpsPort}`,
    `SSLSessionCache shmcb:${site.dir}/ssl_scache(512000)`,
    `Include ${site.dir}/webmail.conf`,
  ].join('\n');
  writeFileSync(path.join(site.dir, 'apache2.conf'), main);
  const args = ['-f', path.join(site.dir, 'apache2.conf')];
  await run('apache2', [...args, '-t']);
  await run('apache2', [...args, '-k', 'start']);
  return {
    stop: async () => void (await run('apache2', [...args, '-k', 'stop']).catch(() => undefined)),
    log: () => readFileSync(path.join(site.dir, 'error.log'), 'utf8'),
  };
}
