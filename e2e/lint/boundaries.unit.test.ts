import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFor } from '../../eslint.config.js';

// The boundary rules only fire on imports that resolve, so a resolver that
// silently fails would make every boundary pass. Each rule is therefore shown
// both firing and staying quiet, with the project's own config anchored at a
// small fixture tree laid out like the repository.
const FIXTURES: Record<string, string> = {
  'server/errors.ts': 'export const lowLevel = 1;\n',
  'server/imap/session.ts': 'export const imap = 1;\n',
  'server/store/db.ts': 'export const store = 1;\n',
  'server/mail/messages.ts': 'export const feature = 1;\n',
  'server/compose/send.ts': 'export const feature = 1;\n',
  'server/app.ts': 'export const wiring = 1;\n',
  'server/misc/helper.ts': 'export const unplaced = 1;\n',
  'shared/errors.ts': 'export const shared = 1;\n',
  'client/src/api.ts': 'export const client = 1;\n',
  'e2e/support/helper.ts': 'export const helper = 1;\n',
  // Two features importing each other: a cycle.
  'server/threads/a.ts': "import { b } from './b.js';\nexport const a = () => b;\n",
  'server/threads/b.ts': "import { a } from './a.js';\nexport const b = () => a;\n",
};

let root: string;
let eslint: ESLint;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'webmail-lint-'));
  for (const [path, text] of Object.entries(FIXTURES)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: configFor(root) });
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The rules that fire on `code` linted as if it were the file at `path`. */
async function rulesFiring(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, path) });
  const messages = result?.messages ?? [];
  // A parse error or an ignored file would read as "no rule fired".
  expect(messages.filter((m) => m.ruleId === null)).toEqual([]);
  return messages.map((m) => m.ruleId ?? '');
}

const use = (from: string, name = 'value') => `import { ${name} } from '${from}';\nexport const out = ${name};\n`;

describe('import boundaries', () => {
  it('keeps client/ away from server/ and e2e/, but lets it use shared/', async () => {
    expect(await rulesFiring('client/src/x.ts', use('../../server/errors.js', 'lowLevel'))).toEqual([
      'import-x/no-restricted-paths',
    ]);
    expect(await rulesFiring('client/src/x.ts', use('../../e2e/support/helper.js', 'helper'))).toEqual([
      'import-x/no-restricted-paths',
    ]);
    expect(await rulesFiring('client/src/x.ts', use('../../shared/errors.js', 'shared'))).toEqual([]);
    expect(await rulesFiring('client/src/x.ts', use('./api.js', 'client'))).toEqual([]);
  });

  it('keeps shared/ to itself: none of our other code, no Node built-ins, no browser modules', async () => {
    expect(await rulesFiring('shared/x.ts', use('../server/errors.js', 'lowLevel'))).toEqual([
      'import-x/no-restricted-paths',
    ]);
    expect(await rulesFiring('shared/x.ts', use('../client/src/api.js', 'client'))).toEqual([
      'import-x/no-restricted-paths',
    ]);
    expect(await rulesFiring('shared/x.ts', use('node:crypto', 'createHash'))).toEqual(['no-restricted-imports']);
    expect(await rulesFiring('shared/x.ts', use('buffer', 'Buffer'))).toEqual(['no-restricted-imports']);
    expect(await rulesFiring('shared/x.ts', use('react', 'useState'))).toEqual(['no-restricted-imports']);
    expect(await rulesFiring('shared/x.ts', use('./errors.js', 'shared'))).toEqual([]);
    expect(await rulesFiring('shared/x.ts', use('zod', 'z'))).toEqual([]);
  });

  it('lets a low-level server module import low-level modules only', async () => {
    expect(await rulesFiring('server/imap/x.ts', use('../mail/messages.js', 'feature'))).toEqual([
      'import-x/no-restricted-paths',
    ]);
    expect(await rulesFiring('server/http/x.ts', use('../app.js', 'wiring'))).toEqual([
      'import-x/no-restricted-paths',
    ]);
    expect(await rulesFiring('server/imap/x.ts', use('../errors.js', 'lowLevel'))).toEqual([]);
    expect(await rulesFiring('server/imap/x.ts', use('../store/db.js', 'store'))).toEqual([]);
    expect(await rulesFiring('server/imap/x.ts', use('../../shared/errors.js', 'shared'))).toEqual([]);
  });

  it('lets features use low-level modules and each other, never the wiring or a folder in no layer', async () => {
    expect(await rulesFiring('server/mail/x.ts', use('../app.js', 'wiring'))).toEqual([
      'import-x/no-restricted-paths',
    ]);
    expect(await rulesFiring('server/mail/x.ts', use('../misc/helper.js', 'unplaced'))).toEqual([
      'import-x/no-restricted-paths',
    ]);
    expect(await rulesFiring('server/mail/x.ts', use('../compose/send.js', 'feature'))).toEqual([]);
    expect(await rulesFiring('server/mail/x.ts', use('../imap/session.js', 'imap'))).toEqual([]);
    expect(await rulesFiring('server/app.ts', use('./mail/messages.js', 'feature'))).toEqual([]);
  });

  it('keeps server production code away from client/ and e2e/, which its tests may use', async () => {
    expect(await rulesFiring('server/mail/x.ts', use('../../e2e/support/helper.js', 'helper'))).toEqual([
      'import-x/no-restricted-paths',
    ]);
    expect(await rulesFiring('server/mail/x.ts', use('../../client/src/api.js', 'client'))).toEqual([
      'import-x/no-restricted-paths',
    ]);
    expect(await rulesFiring('server/mail/x.test.ts', use('../../e2e/support/helper.js', 'helper'))).toEqual([]);
    // The layers hold in tests too.
    expect(await rulesFiring('server/imap/x.test.ts', use('../mail/messages.js', 'feature'))).toEqual([
      'import-x/no-restricted-paths',
    ]);
  });

  it('lets only the adapter folder import its library (tests and e2e/ may)', async () => {
    expect(await rulesFiring('server/mail/x.ts', use('imapflow', 'ImapFlow'))).toEqual(['no-restricted-imports']);
    expect(await rulesFiring('server/imap/x.ts', use('nodemailer', 'createTransport'))).toEqual([
      'no-restricted-imports',
    ]);
    expect(await rulesFiring('server/mail/x.ts', "import Database from 'better-sqlite3';\nexport const d = Database;\n"))
      .toEqual(['no-restricted-imports']);
    expect(await rulesFiring('client/src/x.ts', use('imapflow', 'ImapFlow'))).toEqual(['no-restricted-imports']);
    expect(await rulesFiring('server/imap/x.ts', use('imapflow', 'ImapFlow'))).toEqual([]);
    expect(await rulesFiring('server/smtp/x.ts', use('nodemailer', 'createTransport'))).toEqual([]);
    expect(await rulesFiring('server/store/x.ts', "import Database from 'better-sqlite3';\nexport const d = Database;\n"))
      .toEqual([]);
    expect(await rulesFiring('server/mail/x.test.ts', use('imapflow', 'ImapFlow'))).toEqual([]);
    expect(await rulesFiring('e2e/support/x.ts', use('imapflow', 'ImapFlow'))).toEqual([]);
  });

  it('finds an import cycle, and ignores a one-way import', async () => {
    expect(await rulesFiring('server/threads/a.ts', FIXTURES['server/threads/a.ts']!)).toEqual(['import-x/no-cycle']);
    expect(await rulesFiring('server/threads/c.ts', use('./a.js', 'a'))).toEqual([]);
  });
});

describe('lint exceptions', () => {
  it('wants a reason on the same line', async () => {
    const bare = '// eslint-disable-next-line no-debugger\ndebugger;\n';
    const reasoned = '// eslint-disable-next-line no-debugger -- stops here under the inspector\ndebugger;\n';
    expect(await rulesFiring('server/mail/x.ts', bare)).toEqual(['@eslint-community/eslint-comments/require-description']);
    expect(await rulesFiring('server/mail/x.ts', reasoned)).toEqual([]);
  });

  it('reports an exception that no longer excuses anything', async () => {
    const stale = '// eslint-disable-next-line no-debugger -- left over\nexport const x = 1;\n';
    const [result] = await eslint.lintText(stale, { filePath: join(root, 'server/mail/x.ts') });
    expect(result?.messages.map((m) => [m.severity, m.message])).toEqual([
      [2, expect.stringMatching(/Unused eslint-disable directive/)],
    ]);
  });
});
