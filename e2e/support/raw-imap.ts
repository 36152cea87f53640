import { readFileSync } from 'node:fs';
import tls from 'node:tls';

/** An IMAP quoted string (RFC 3501 §4.3): backslash and double quote escaped. */
export function quoted(s: string): string {
  return `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/**
 * Talks IMAP over a bare TLS socket, with no library in between: what the
 * server really sent, bytes as on the wire (to show modified UTF-7 names,
 * which every IMAP library decodes). Logs in, runs `commands` one at a time,
 * and returns each command's whole answer, untagged lines and tagged status.
 */
export async function rawImap(env: Record<string, string>, user: { address: string; password: string }, commands: string[]): Promise<string[]> {
  const socket = tls.connect({
    host: env.WEBMAIL_IMAP_HOST!,
    port: Number(env.WEBMAIL_IMAP_PORT),
    ca: readFileSync(env.WEBMAIL_IMAP_CA_FILE!),
  });
  socket.setEncoding('latin1'); // modified UTF-7 is 7-bit; nothing is decoded behind our back
  let buffer = '';
  let waiting: { tag: string | null; resolve: (text: string) => void; reject: (err: Error) => void } | null = null;
  const check = () => {
    if (!waiting) return;
    const end = waiting.tag === null ? buffer.indexOf('\r\n') : buffer.search(new RegExp(`(^|\\r\\n)${waiting.tag} (OK|NO|BAD)[^\\r]*\\r\\n`));
    if (end === -1) return;
    const stop = buffer.indexOf('\r\n', end + (waiting.tag === null ? 0 : 2)) + 2;
    const text = buffer.slice(0, stop);
    buffer = buffer.slice(stop);
    const w = waiting;
    waiting = null;
    w.resolve(text);
  };
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    check();
  });
  const failed = new Promise<never>((_, reject) => socket.once('error', reject));
  const next = (tag: string | null) =>
    Promise.race([
      new Promise<string>((resolve, reject) => {
        waiting = { tag, resolve, reject };
        check();
      }),
      failed,
    ]);
  try {
    await next(null); // greeting
    let n = 0;
    const run = async (command: string) => {
      const tag = `r${++n}`;
      socket.write(`${tag} ${command}\r\n`);
      return next(tag);
    };
    const login = await run(`LOGIN ${quoted(user.address)} ${quoted(user.password)}`);
    if (!/\r\nr1 OK|^r1 OK/.test(login)) throw new Error(`raw IMAP login failed: ${login}`);
    const answers: string[] = [];
    for (const command of commands) answers.push(await run(command));
    await run('LOGOUT');
    return answers;
  } finally {
    socket.destroy();
  }
}
