import { defineConfig } from 'vitest/config';

// Three layers (STYLE.md §11): pure unit tests, integration tests against the
// real private Dovecot/Postfix, and end-to-end specs in Debian's Chromium.
// The machines have 2 cores, so the mail-touching layers run files one at a time.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['server/**/*.test.ts', 'shared/**/*.test.ts', 'client/**/*.test.{ts,tsx}', 'e2e/**/*.unit.test.ts'],
          exclude: ['**/*.int.test.ts', '**/*.e2e.test.ts', 'node_modules/**'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['server/**/*.int.test.ts', 'e2e/mailserver/**/*.int.test.ts', 'e2e/deploy/**/*.int.test.ts'],
          globalSetup: ['e2e/mailserver/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 240_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/specs/**/*.e2e.test.ts'],
          globalSetup: ['e2e/mailserver/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
