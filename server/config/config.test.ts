import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfigFile } from './config.js';

const SECRET = 'x'.repeat(40);
const base = { WEBMAIL_IMAP_HOST: 'imap.example.com', WEBMAIL_SESSION_SECRET: SECRET };

function errorOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('fills safe defaults: implicit TLS on 993, STARTTLS submission on 587, HSTS on', () => {
    const c = loadConfig(base);
    expect(c.imap).toEqual({ host: 'imap.example.com', port: 993, security: 'tls', caFile: null });
    expect(c.smtp).toMatchObject({ host: 'imap.example.com', port: 587, security: 'starttls', saveSent: true });
    expect(c.compose).toEqual({ undoSeconds: 10, maxMessageBytes: 25 * 1024 * 1024 });
    expect(c.http).toMatchObject({ httpsPort: 8443, httpPort: 8080, publicHost: 'localhost:8443', hsts: true, trustProxy: false });
  });

  it('names the missing or bad setting', () => {
    expect(errorOf({ WEBMAIL_SESSION_SECRET: SECRET }).setting).toBe('WEBMAIL_IMAP_HOST');
    expect(errorOf({ ...base, WEBMAIL_SESSION_SECRET: 'short' }).setting).toBe('WEBMAIL_SESSION_SECRET');
    expect(errorOf({ WEBMAIL_IMAP_HOST: 'imap.example.com' }).message).toMatch(/WEBMAIL_SESSION_SECRET: is required/);
    expect(errorOf({ ...base, WEBMAIL_IMAP_PORT: '99999' }).setting).toBe('WEBMAIL_IMAP_PORT');
    expect(errorOf({ ...base, WEBMAIL_IMAP_SECURITY: 'none' }).setting).toBe('WEBMAIL_IMAP_SECURITY');
    expect(errorOf({ ...base, WEBMAIL_IMAP_CA_FILE: '/nonexistent/ca.pem' }).setting).toBe('WEBMAIL_IMAP_CA_FILE');
    expect(errorOf({ ...base, WEBMAIL_PUBLIC_HOST: 'https://mail.example.com/' }).setting).toBe('WEBMAIL_PUBLIC_HOST');
  });

  it('never accepts plaintext IMAP or SMTP', () => {
    expect(errorOf({ ...base, WEBMAIL_IMAP_SECURITY: 'plain' }).setting).toBe('WEBMAIL_IMAP_SECURITY');
    expect(errorOf({ ...base, WEBMAIL_SMTP_SECURITY: 'none' }).setting).toBe('WEBMAIL_SMTP_SECURITY');
  });

  it('filters: ManageSieve on the IMAP host, port 4190, STARTTLS and the IMAP CA by default; "off" turns them off', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cfg-'));
    const ca = path.join(dir, 'ca.pem');
    writeFileSync(ca, 'x');
    expect(loadConfig(base).sieve).toEqual({ host: 'imap.example.com', port: 4190, tls: 'starttls', caFile: null });
    expect(loadConfig({ ...base, WEBMAIL_IMAP_CA_FILE: ca }).sieve?.caFile).toBe(ca);
    expect(loadConfig({ ...base, WEBMAIL_SIEVE_HOST: 'sieve.example.com', WEBMAIL_SIEVE_PORT: '5190', WEBMAIL_SIEVE_TLS: 'implicit' }).sieve).toEqual({
      host: 'sieve.example.com',
      port: 5190,
      tls: 'implicit',
      caFile: null,
    });
    expect(loadConfig({ ...base, WEBMAIL_SIEVE_PORT: 'off' }).sieve).toBeNull();
    expect(errorOf({ ...base, WEBMAIL_SIEVE_TLS: 'none' }).setting).toBe('WEBMAIL_SIEVE_TLS');
    expect(errorOf({ ...base, WEBMAIL_SIEVE_PORT: 'no' }).setting).toBe('WEBMAIL_SIEVE_PORT');
  });

  it('wants both halves of a TLS pair or neither', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cfg-'));
    const cert = path.join(dir, 'c.pem');
    writeFileSync(cert, 'x');
    expect(errorOf({ ...base, WEBMAIL_TLS_CERT: cert }).setting).toBe('WEBMAIL_TLS_KEY');
  });

  it('reads an optional KEY=value file, with the environment taking precedence', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cfg-'));
    const file = path.join(dir, 'webmail.env');
    writeFileSync(file, `# comment\nWEBMAIL_IMAP_HOST=from-file.example\nWEBMAIL_IMAP_PORT="10993"\nWEBMAIL_SESSION_SECRET=${SECRET}\n`);
    const c = loadConfig({ WEBMAIL_CONFIG_FILE: file, WEBMAIL_IMAP_PORT: '993' });
    expect(c.imap.host).toBe('from-file.example');
    expect(c.imap.port).toBe(993);
    expect(() => parseConfigFile('not a setting')).toThrow(/line 1/);
  });

  it('reads host aliases and refuses anything but host names', () => {
    expect(loadConfig({ ...base, WEBMAIL_HOST_ALIASES: 'Webmail.Example.com, mail2.example.com' }).http.hostAliases).toEqual(['webmail.example.com', 'mail2.example.com']);
    expect(loadConfig(base).http.hostAliases).toEqual([]);
    expect(errorOf({ ...base, WEBMAIL_HOST_ALIASES: 'https://evil.example/' }).setting).toBe('WEBMAIL_HOST_ALIASES');
  });

  it('can turn the redirect listener off and trust a proxy', () => {
    const c = loadConfig({ ...base, WEBMAIL_HTTP_PORT: 'off', WEBMAIL_TRUST_PROXY: 'loopback' });
    expect(c.http.httpPort).toBeNull();
    expect(c.http.trustProxy).toBe('loopback');
  });
});

describe('search across folders', () => {
  it('opens 3 extra connections by default, 1 to 10 when set', () => {
    expect(loadConfig(base).search.connections).toBe(3);
    expect(loadConfig({ ...base, WEBMAIL_SEARCH_CONNECTIONS: '10' }).search.connections).toBe(10);
    for (const bad of ['0', '11', 'many', '2.5']) expect(errorOf({ ...base, WEBMAIL_SEARCH_CONNECTIONS: bad }).setting).toBe('WEBMAIL_SEARCH_CONNECTIONS');
  });
});
