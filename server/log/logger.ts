import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON lines on stdout (or a file, for tests that read them as an
 * admin's tools would). Passwords, cookies and CSRF tokens are redacted
 * wherever they appear in a logged object.
 */
export function createLogger(level: string, file?: string): Logger {
  const options = {
    level,
    base: { app: 'webmail' },
    redact: { paths: ['password', '*.password', 'req.headers.cookie', 'req.headers["x-csrf-token"]'], censor: '[redacted]' },
  };
  return file ? pino(options, pino.destination({ dest: file, sync: true })) : pino(options);
}
