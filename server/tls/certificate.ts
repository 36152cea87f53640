import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generate } from 'selfsigned';

export interface TlsPair {
  cert: string;
  key: string;
  /** True when the pair was generated here (development); the README says to configure a real one. */
  selfSigned: boolean;
}

/**
 * The configured certificate and key, or a self-signed pair kept in the data
 * directory (generated once, reused across restarts so browsers' exceptions hold).
 */
export async function loadTlsPair(opts: { certFile: string | null; keyFile: string | null; dataDir: string; hostname: string }): Promise<TlsPair> {
  if (opts.certFile && opts.keyFile) {
    return { cert: await readFile(opts.certFile, 'utf8'), key: await readFile(opts.keyFile, 'utf8'), selfSigned: false };
  }
  const dir = path.join(opts.dataDir, 'tls');
  const certPath = path.join(dir, 'self-signed.crt');
  const keyPath = path.join(dir, 'self-signed.key');
  try {
    return { cert: await readFile(certPath, 'utf8'), key: await readFile(keyPath, 'utf8'), selfSigned: true };
  } catch {
    // not generated yet
  }
  const host = opts.hostname.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  const altNames = [
    { type: 2 as const, value: host },
    { type: 2 as const, value: 'localhost' },
    { type: 7 as const, ip: '127.0.0.1' },
    { type: 7 as const, ip: '::1' },
  ];
  const pems = await generate([{ name: 'commonName', value: host }], {
    keySize: 2048,
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 825 * 24 * 3600_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ],
  });
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFile(keyPath, pems.private, { mode: 0o600 });
  await writeFile(certPath, pems.cert, { mode: 0o644 });
  return { cert: pems.cert, key: pems.private, selfSigned: true };
}
