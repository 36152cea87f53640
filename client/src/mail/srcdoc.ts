/**
 * The document shown in the message iframe. Its own CSP is a second wall
 * behind the sanitiser: no script at all, inline style only, images from the
 * webmail itself and data: only. The webmail itself covers cid: parts and,
 * after "Load images", the image proxy: no image ever loads from the
 * sender's server directly. The srcdoc document also inherits the app's CSP.
 */
export function messageCsp(): string {
  return "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; font-src data:";
}

const BASE_CSS = `
html { color-scheme: light; }
body { margin: 0; padding: 16px; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: #1b1f24; background: #fff; overflow-wrap: anywhere; }
img { max-width: 100%; height: auto; }
table { max-width: 100%; }
pre { white-space: pre-wrap; }
blockquote { margin: 0 0 0 8px; padding-left: 12px; border-left: 3px solid #c9d1d9; color: #4b5563; }
a { color: #0b57d0; }
`;

/** Wraps sanitised body HTML; the sanitised string is inserted as-is, never edited. */
export function buildSrcdoc(sanitizedBody: string): string {
  return (
    '<!doctype html><html><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${messageCsp()}">` +
    '<meta name="referrer" content="no-referrer">' +
    `<style>${BASE_CSS}</style></head><body>${sanitizedBody}</body></html>`
  );
}
