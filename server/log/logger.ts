import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON lines on stdout. Passwords, cookies and CSRF tokens are
 * redacted wherever they appear in a logged object.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { app: 'webmail' },
    redact: { paths: ['password', '*.password', 'req.headers.cookie', 'req.headers["x-csrf-token"]'], censor: '[redacted]' },
  });
}
