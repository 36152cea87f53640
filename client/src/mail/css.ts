import { classifyUrl, contentIdOf } from './urls.js';

export interface CssPolicy {
  /** The proxy URL for a remote http(s) URL once the user allowed remote images; null (or a null mapper) blocks it. */
  mapRemote: ((url: string) => string | null) | null;
  /** Maps a Content-ID to the URL of its inline part, or null when the message has no such part. */
  mapCid: (contentId: string) => string | null;
}

export interface CssResult {
  css: string;
  /** Remote references removed: url() while remote is not allowed, image-set() always. */
  blocked: number;
}

/**
 * Decodes CSS escapes once (CSS Syntax §4.3.7) so "\75rl(" or "@\69mport"
 * cannot hide from the checks below; any backslash left after that (from
 * "\5c ", an escaped backslash) is dropped so the browser cannot decode a
 * second time. Escapes in legitimate mail CSS are rare (content: strings).
 */
function decodeEscapes(css: string): string {
  const decoded = css.replace(/\\([0-9a-fA-F]{1,6})[ \t\n\r\f]?|\\([^\n\r\f0-9a-fA-F])|\\[\n\r\f]/g, (_m, hex?: string, ch?: string) => {
    if (hex !== undefined) {
      const cp = parseInt(hex, 16);
      return cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? '\uFFFD' : String.fromCodePoint(cp);
    }
    return ch ?? '';
  });
  return decoded.replace(/\\/g, '');
}

const URL_TOKEN = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)"'\s]*))\s*\)/gi;

// Marks the url() tokens this module wrote, so the catch-all below spares them.
const KEPT = '\u0000';

function quote(url: string): string {
  return `${KEPT}url("${url.replace(/["\\\n\r\f]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}")`;
}

/**
 * Makes mail CSS (a <style> element's text or a style attribute) unable to
 * load anything the user has not allowed or to run script in old engines:
 * removes @import, expression(), behaviors and bindings, and rewrites url():
 * cid: to the inline part, data: images kept, remote to the image proxy only on opt-in,
 * everything else (relative, javascript:) to `none`.
 */
export function sanitizeCss(input: string, policy: CssPolicy): CssResult {
  let blocked = 0;
  let css = decodeEscapes(input.replaceAll('\u0000', '\uFFFD'))
    .replace(/\/\*[\s\S]*?(?:\*\/|$)/g, '') // removed, not spaced: "ur/**/l(" then reads as url( and is judged
    .replace(/</g, ' '); // a "</style" in the text would end the element on re-parse

  css = css.replace(/@import\b[^;]*(?:;|$)/gi, '');
  css = css.replace(/expression\s*\(/gi, 'blocked(');
  css = css.replace(/(?:-moz-binding|behavior)\s*:/gi, 'blocked:');
  css = css.replace(/(?:java|vb)script\s*:/gi, 'blocked:');

  css = css.replace(URL_TOKEN, (_m, dq?: string, sq?: string, bare?: string) => {
    const url = (dq ?? sq ?? bare ?? '').trim();
    switch (classifyUrl(url)) {
      case 'cid': {
        const mapped = policy.mapCid(contentIdOf(url));
        return mapped ? quote(mapped) : 'none';
      }
      case 'dataImage':
        return quote(url);
      case 'remote': {
        const proxied = policy.mapRemote?.(url) ?? null;
        if (proxied) return quote(proxied);
        blocked += 1;
        return 'none';
      }
      default:
        return 'none';
    }
  });
  // What the pattern did not match (an unclosed "url(" runs to the end of the
  // input in CSS), and image-set()'s bare strings, must not load anything.
  // eslint-disable-next-line no-control-regex -- NUL is the KEPT mark; the input's own NULs became U+FFFD above
  css = css.replace(/(^|[^\u0000])url\(/gi, (_m, before: string) => {
    blocked += 1;
    return `${before}blocked(`;
  });
  // image-set() takes bare strings as URLs too, which cannot be sent through the proxy.
  css = css.replace(/(?:-webkit-)?image-set\(/gi, () => {
    blocked += 1;
    return 'blocked(';
  });
  return { css: css.replaceAll(KEPT, ''), blocked };
}
