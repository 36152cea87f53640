import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generate } from 'selfsigned';

/**
 * For unit tests that script a mail server on 127.0.0.1: a certificate for
 * that address with its CA file, a second CA that vouches for nothing of
 * ours, a scratch directory, and the servers to close at the end.
 */
export interface LoopbackTls {
  key: string;
  cert: string;
  /** Trusts `cert`. */
  caFile: string;
  /** A CA of its own: a client that trusts only this must refuse `cert`. */
  otherCaFile: string;
  dir: string;
  /** Listens on 127.0.0.1, on a free port, until close(). */
  listen(server: net.Server): Promise<number>;
  close(): void;
}

export async function loopbackTls(name: string): Promise<LoopbackTls> {
  const dir = mkdtempSync(path.join(tmpdir(), `${name}-`));
  const san = { extensions: [{ name: 'subjectAltName' as const, altNames: [{ type: 7 as const, ip: '127.0.0.1' }] }] };
  const { private: key, cert } = await generate([{ name: 'commonName', value: 'localhost' }], { keySize: 2048, ...san });
  const other = await generate([{ name: 'commonName', value: 'someone else' }], { keySize: 2048, ...san });
  const caFile = path.join(dir, 'ca.pem');
  const otherCaFile = path.join(dir, 'other-ca.pem');
  writeFileSync(caFile, cert);
  writeFileSync(otherCaFile, other.cert);
  const servers: net.Server[] = [];
  return {
    key,
    cert,
    caFile,
    otherCaFile,
    dir,
    async listen(server) {
      servers.push(server);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return (server.address() as net.AddressInfo).port;
    },
    close() {
      for (const s of servers) s.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
