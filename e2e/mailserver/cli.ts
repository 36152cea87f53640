// npx tsx e2e/mailserver/cli.ts start|stop|status|seed-demo
import { createUser, mailStackStatus, seedBulkMailbox, seedRealisticMail, startMailStack, stopMailStack, type MailStack } from './mailstack.js';

const DEMO = { localPart: 'demo', password: 'demo-password' };
const BULK = { localPart: 'bulk', password: 'bulk-password', folder: 'Bulk', count: 100_000 };

function printStack(stack: MailStack): void {
  console.log(`run dir      ${stack.runDir}`);
  console.log(`IMAPS        ${stack.host}:${stack.imapsPort}`);
  console.log(`IMAP+STARTTLS ${stack.host}:${stack.imapStarttlsPort}`);
  console.log(`submission   ${stack.host}:${stack.submissionPort} (STARTTLS + AUTH)`);
  console.log(`SMTP inject  ${stack.host}:${stack.smtpInjectPort} (example.test only, no auth)`);
  console.log(`ManageSieve  ${stack.host}:${stack.sievePort} (STARTTLS + AUTHENTICATE)`);
  console.log(`CA file      ${stack.caFile}`);
  console.log('env for the webmail server:');
  for (const [k, v] of Object.entries(stack.env)) console.log(`  ${k}=${v}`);
}

async function main(cmd: string | undefined): Promise<number> {
  switch (cmd) {
    case 'start': {
      printStack(await startMailStack());
      return 0;
    }
    case 'stop':
      await stopMailStack();
      console.log('mail stack stopped');
      return 0;
    case 'status': {
      const { healthy, stack } = await mailStackStatus();
      console.log(healthy ? 'running' : 'not running');
      printStack(stack);
      return healthy ? 0 : 3;
    }
    case 'seed-demo': {
      const stack = await startMailStack();
      const demo = await createUser(stack, DEMO);
      const s1 = await seedRealisticMail(stack, demo.address);
      console.log(`${demo.address} / ${demo.password}: ${s1.alreadySeeded ? 'already seeded' : 'seeded'} ${s1.total} messages ${JSON.stringify(s1.folders)}`);
      const bulk = await createUser(stack, BULK);
      const s2 = await seedRealisticMail(stack, bulk.address);
      console.log(`${bulk.address} / ${bulk.password}: ${s2.alreadySeeded ? 'already seeded' : 'seeded'} ${s2.total} messages`);
      const t = Date.now();
      await seedBulkMailbox(stack, bulk.address, BULK.folder, BULK.count);
      console.log(`${bulk.address}: folder ${BULK.folder} holds ${BULK.count} messages (${((Date.now() - t) / 1000).toFixed(1)} s)`);
      return 0;
    }
    default:
      console.error('usage: npx tsx e2e/mailserver/cli.ts start|stop|status|seed-demo');
      return 2;
  }
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
