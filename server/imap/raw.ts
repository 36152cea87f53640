import type { ImapFlow } from 'imapflow';

/**
 * Commands imapflow has no helper for (PREVIEW, SORT; MAILSTACK-NOTES.md)
 * go through its raw `exec`: attributes in its token form, one handler per
 * untagged response name, and `next()` to hand the connection back.
 */

/** One parsed IMAP token as imapflow's parser gives it (ATOM, STRING, LITERAL, SEQUENCE, …). */
export interface Token {
  type?: string;
  value?: unknown;
}

export interface Untagged {
  attributes?: unknown[];
}

type RawExec = (
  command: string,
  attributes: unknown[],
  options: { untagged: Record<string, (untagged: Untagged) => Promise<void>> },
) => Promise<{ next: () => void }>;

export async function rawCommand(
  client: ImapFlow,
  command: string,
  attributes: unknown[],
  untagged: Record<string, (untagged: Untagged) => Promise<void>>,
): Promise<void> {
  const exec = (client as unknown as { exec: RawExec }).exec.bind(client);
  const response = await exec(command, attributes, { untagged });
  // Without next() imapflow keeps the connection for this command and every later one waits.
  response.next();
}
