// Prepares the demo: the private mail stack with seeded accounts, and a
// webmail configuration file pointing at it (secret generated once, kept).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createUser, seedBulkMailbox, seedRealisticMail, startMailStack } from './mailserver/mailstack.js';

const dir = path.resolve('.run/demo');
mkdirSync(dir, { recursive: true });
const file = path.join(dir, 'webmail.env');
const httpsPort = process.env.WEBMAIL_HTTPS_PORT ?? '8443';
const httpPort = process.env.WEBMAIL_HTTP_PORT ?? '8080';

const stack = await startMailStack();
const demo = await createUser(stack, { localPart: 'demo', password: 'demo-password' });
await seedRealisticMail(stack, demo.address);
const bulk = await createUser(stack, { localPart: 'bulk', password: 'bulk-password' });
await seedRealisticMail(stack, bulk.address);
await seedBulkMailbox(stack, bulk.address, 'Bulk', 100_000);

const previous = existsSync(file) ? readFileSync(file, 'utf8') : '';
const secret = /^WEBMAIL_SESSION_SECRET=(.+)$/m.exec(previous)?.[1] ?? randomBytes(32).toString('hex');
const settings: Record<string, string> = {
  ...stack.env,
  WEBMAIL_HTTPS_PORT: httpsPort,
  WEBMAIL_HTTP_PORT: httpPort,
  WEBMAIL_PUBLIC_HOST: `localhost:${httpsPort}`,
  WEBMAIL_DATA_DIR: path.join(dir, 'data'),
  WEBMAIL_SESSION_SECRET: secret,
};
writeFileSync(file, Object.entries(settings).map(([k, v]) => `${k}=${v}`).join('\n') + '\n', { mode: 0o600 });

console.log(`
Webmail demo
  URL:      https://localhost:${httpsPort}/   (self-signed certificate: accept it once)
  Login:    ${demo.address} / ${demo.password}
  Big box:  ${bulk.address} / ${bulk.password}  (folder "Bulk" holds 100,000 messages)
  Config:   ${file}
  Stop the mail server later with: npx tsx e2e/mailserver/cli.ts stop
`);
