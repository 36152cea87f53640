// vitest globalSetup for the "integration" and "e2e" projects: starts (or
// reuses) the private mail stack and hands its description to the tests via
// `inject('mailstack')`.
//
// The stack is deliberately left running at teardown: the next run reuses it
// in ~50 ms instead of restarting both daemons, and a developer can inspect
// mailboxes and logs after a failure. Stop it with
// `npx tsx e2e/mailserver/cli.ts stop`.
import type { TestProject } from 'vitest/node';
import { startMailStack, type MailStack } from './mailstack.js';

declare module 'vitest' {
  export interface ProvidedContext {
    mailstack: MailStack;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const stack = await startMailStack();
  project.provide('mailstack', stack);
}
