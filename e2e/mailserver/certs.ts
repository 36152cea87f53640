import { existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { run, runOk } from './exec.js';

export interface StackCerts {
  caFile: string;
  keyFile: string;
  /** Server certificate followed by the CA certificate. */
  chainFile: string;
}

/**
 * A private CA and a server certificate for `localhost` / 127.0.0.1, made
 * with openssl once per run directory and reused while valid for another day.
 * Clients trust the CA through their CA-file option; nothing is added to the
 * system trust store.
 */
export async function ensureCerts(certDir: string): Promise<StackCerts> {
  const f = {
    caKey: join(certDir, 'ca.key'),
    caFile: join(certDir, 'ca.pem'),
    keyFile: join(certDir, 'server.key'),
    csr: join(certDir, 'server.csr'),
    cert: join(certDir, 'server.pem'),
    ext: join(certDir, 'server.ext'),
    chainFile: join(certDir, 'server-chain.pem'),
  };
  const result = { caFile: f.caFile, keyFile: f.keyFile, chainFile: f.chainFile };
  if (existsSync(f.chainFile) && existsSync(f.caFile) && existsSync(f.keyFile)) {
    const check = await run('openssl', ['x509', '-in', f.cert, '-noout', '-checkend', '86400']);
    if (check.code === 0) return result;
  }
  mkdirSync(certDir, { recursive: true, mode: 0o755 });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  await runOk('openssl', [
    'req', '-x509', ...ec, '-keyout', f.caKey, '-out', f.caFile, '-days', '3650',
    '-subj', '/O=Webmail test mail stack/CN=Mailstack Test CA',
    '-addext', 'basicConstraints=critical,CA:TRUE',
    '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  await runOk('openssl', ['req', '-new', ...ec, '-keyout', f.keyFile, '-out', f.csr, '-subj', '/O=Webmail test mail stack/CN=localhost']);
  writeFileSync(
    f.ext,
    [
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature,keyEncipherment',
      'extendedKeyUsage=serverAuth',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      'authorityKeyIdentifier=keyid,issuer',
      'subjectKeyIdentifier=hash',
      '',
    ].join('\n'),
  );
  await runOk('openssl', [
    'x509', '-req', '-in', f.csr, '-CA', f.caFile, '-CAkey', f.caKey, '-CAcreateserial',
    '-out', f.cert, '-days', '825', '-sha256', '-extfile', f.ext,
  ]);
  writeFileSync(f.chainFile, readFileSync(f.cert, 'utf8') + readFileSync(f.caFile, 'utf8'));
  chmodSync(f.caKey, 0o600);
  chmodSync(f.keyFile, 0o600);
  chmodSync(f.caFile, 0o644);
  chmodSync(f.chainFile, 0o644);
  return result;
}
