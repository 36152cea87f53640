import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The plain-HTTP listener's whole job: send every request to the same path on
 * the canonical https:// host. The target comes from configuration only; the
 * request's Host header is never read, so it cannot make an open redirect.
 */
export function redirectToHttps(publicHost: string): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const url = req.url ?? '/';
    // Absolute-form targets ("GET http://evil/ HTTP/1.1") and "//host" would change the host; keep only a path.
    const pathAndQuery = url.startsWith('/') && !url.startsWith('//') ? url : '/';
    res.statusCode = 301;
    res.setHeader('Location', `https://${publicHost}${pathAndQuery}`);
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.setHeader('Connection', 'close');
    res.end('This site is only served over HTTPS.\n');
  };
}
