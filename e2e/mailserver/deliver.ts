import { createTransport } from 'nodemailer';
import type { MailStack } from './stack.js';

export interface RawMessage {
  from: string;
  to: string[];
  raw: string | Buffer;
}

/**
 * Hands a message to Postfix's injection port (no TLS, no AUTH, example.test
 * recipients only). Resolves once Postfix has queued it; delivery into the
 * mailbox follows within a second or so (see waitForMessage).
 */
export async function deliver(stack: MailStack, msg: RawMessage): Promise<void> {
  const transport = createTransport({
    host: stack.host,
    port: stack.smtpInjectPort,
    secure: false,
    ignoreTLS: true,
    name: 'mailstack-inject',
  });
  try {
    await transport.sendMail({ envelope: { from: msg.from, to: msg.to }, raw: msg.raw });
  } finally {
    transport.close();
  }
}
