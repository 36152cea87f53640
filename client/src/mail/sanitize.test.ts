// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { sanitizeMailHtml, type SanitizeOptions } from './sanitize.js';
import { buildSrcdoc, messageCsp } from './srcdoc.js';

const INLINE = 'https://mail.example.test/api/messages/7/parts/2?mailbox=INBOX&inline=1';
const blocked: SanitizeOptions = {
  allowRemote: false,
  inlinePartUrl: (id) => (id === 'logo@x' ? INLINE : null),
};
const PROXY = 'https://mail.example.test/api/remote-image?url=';
const allowed: SanitizeOptions = { ...blocked, allowRemote: true, proxyUrl: (url) => `${PROXY}${encodeURIComponent(url)}` };
const proxied = (url: string) => `${PROXY}${encodeURIComponent(url)}`;

function clean(html: string, options = blocked) {
  return sanitizeMailHtml(html, options);
}

/** Parses the output the way the iframe will, so tests look at elements, not substrings. */
function parse(html: string): HTMLElement {
  const div = document.createElement('div');
  div.innerHTML = html; // test-only: jsdom runs no script
  return div;
}

function everyAttribute(root: HTMLElement): Array<[string, string]> {
  return [...root.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => [a.name, a.value] as [string, string]));
}

describe('sanitizeMailHtml: hostile input', () => {
  it.each([
    ['script element', '<p>hi</p><script>alert(1)</script>'],
    ['script with src', '<script src="https://evil.test/x.js"></script><p>hi</p>'],
    ['event handler', '<p onclick="alert(1)">hi</p><img src=x onerror=alert(1)>'],
    ['body onload', '<body onload="alert(1)"><p>hi</p></body>'],
    ['svg with onload', '<svg onload="alert(1)"><circle r="3"/></svg><p>hi</p>'],
    ['svg script', '<svg><script>alert(1)</script></svg>'],
    ['math mXSS', '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>'],
    ['iframe', '<iframe src="https://evil.test"></iframe><iframe srcdoc="<script>alert(1)</script>"></iframe>'],
    ['form', '<form action="https://evil.test/steal"><input name="password"><button>Go</button></form>'],
    ['object and embed', '<object data="x.swf"></object><embed src="x.swf">'],
    ['meta refresh', '<meta http-equiv="refresh" content="0;url=https://evil.test">'],
    ['base', '<base href="https://evil.test/">'],
    ['link stylesheet', '<link rel="stylesheet" href="https://evil.test/x.css">'],
    ['noscript mXSS', '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></p></noscript>'],
    ['template', '<template><img src=x onerror=alert(1)></template>'],
  ])('%s leaves nothing executable', (_name, input) => {
    const out = parse(clean(input).html);
    expect(out.querySelector('script, svg, math, iframe, form, input, button, object, embed, meta, base, link, template, noscript')).toBeNull();
    for (const [name] of everyAttribute(out)) expect(name).not.toMatch(/^on/i);
    expect(clean(input).html).not.toMatch(/onerror|onload|onclick|<script/i);
  });

  it('keeps text content of the harmless part', () => {
    expect(parse(clean('<p onclick="x()">Hello <b>there</b></p>').html).textContent).toBe('Hello there');
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'java\tscript:alert(1)',
    ' javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'vbscript:msgbox(1)',
    '/api/session',
    'relative/path',
  ])('drops the link target %s', (href) => {
    const a = parse(clean(`<a href="${href}">x</a>`).html).querySelector('a')!;
    expect(a.hasAttribute('href')).toBe(false);
  });

  it('keeps http, https, mailto and fragment links; external ones open in a new, unlinked tab', () => {
    const out = parse(
      clean('<a href="https://example.org/a">a</a><a href="http://x.test">b</a><a href="mailto:me@x.test">c</a><a href="#s">d</a>').html,
    );
    const [a, b, c, d] = [...out.querySelectorAll('a')];
    expect(a!.getAttribute('href')).toBe('https://example.org/a');
    expect(a!.getAttribute('target')).toBe('_blank');
    expect(a!.getAttribute('rel')).toBe('noopener noreferrer');
    expect(b!.getAttribute('href')).toBe('http://x.test');
    expect(c!.getAttribute('href')).toBe('mailto:me@x.test');
    // Inside a srcdoc frame "#s" would resolve against the app's own URL.
    expect(d!.getAttribute('href')).toBe('about:srcdoc#s');
    expect(d!.hasAttribute('target')).toBe(false);
    // A mail cannot write about: URLs itself.
    expect(parse(clean('<a href="about:srcdoc#x">x</a><a href="about:blank">y</a>').html).querySelector('[href]')).toBeNull();
  });

  it('replaces a target the mail set itself', () => {
    const a = parse(clean('<a href="https://x.test" target="_top">x</a>').html).querySelector('a')!;
    expect(a.getAttribute('target')).toBe('_blank');
  });

  it('drops style expression(), behaviors, bindings and javascript: in CSS', () => {
    const out = clean(
      '<p style="width: expression(alert(1)); behavior: url(x.htc); -moz-binding: url(x.xml#a); background: url(javascript:alert(1))">x</p>',
    ).html;
    expect(out).not.toMatch(/expression\(|behavior:|-moz-binding:|javascript:/i);
  });

  it('sees through CSS escapes and comments', () => {
    const out = clean('<style>@\\69mport "https://evil.test/a.css"; p { background: \\75rl(https://evil.test/t.png) } div { background: ur/**/l(https://evil.test/c.png) }</style>');
    expect(out.html).not.toMatch(/@import|evil\.test/i);
    expect(out.blockedRemote).toBeGreaterThanOrEqual(1);
  });

  it('removes @import even when remote content is allowed', () => {
    const out = clean('<style>@import url(https://evil.test/a.css); p { color: red }</style><p>x</p>', allowed).html;
    expect(out).not.toMatch(/@import|evil\.test/);
    expect(out).toContain('color: red');
  });

  it('cannot break out of <style> with a closing tag', () => {
    const out = parse(clean('<style>p{color:red}</style><p>x</p>').html);
    expect(out.querySelector('style')?.textContent).toContain('color:red');
    const tricky = clean('<style>p{font-family:"\\3c /style>\\3c img src=x onerror=alert(1)>"}</style>').html;
    expect(parse(tricky).querySelector('img')).toBeNull();
    expect(tricky).not.toMatch(/<\/style><img/i);
  });

  it('keeps the <style> of a full HTML document', () => {
    const out = clean('<html><head><title>Subject</title><style>.x{color:blue}</style></head><body><p class="x">hi</p></body></html>').html;
    expect(out).toContain('.x{color:blue}');
    expect(parse(out).textContent).not.toContain('Subject');
  });
});

describe('sanitizeMailHtml: remote content', () => {
  const remote = [
    '<img src="https://tracker.test/p.gif" width="1" height="1">',
    '<img src="//tracker.test/q.gif">',
    '<img srcset="https://tracker.test/a.png 1x, https://tracker.test/b.png 2x">',
    '<table background="http://tracker.test/bg.png"><tr><td>x</td></tr></table>',
    '<div style="background-image: url(\'https://tracker.test/s.png\')">x</div>',
    '<style>body { background: url(https://tracker.test/b.png) }</style>',
  ].join('');

  it('blocks every remote reference by default and counts them', () => {
    const out = clean(remote);
    expect(out.html).not.toContain('tracker.test');
    expect(out.blockedRemote).toBe(6);
    // The images stay (without a source) so the layout keeps its shape.
    expect(parse(out.html).querySelectorAll('img')).toHaveLength(3);
  });

  it('sends every remote reference through the image proxy after the user allows them, in the one pass', () => {
    const out = clean(remote, allowed);
    expect(out.blockedRemote).toBe(0);
    expect(out.proxiedRemote).toBe(7); // two srcset candidates
    const root = parse(out.html);
    const imgs = root.querySelectorAll('img');
    expect(imgs[0]!.getAttribute('src')).toBe(proxied('https://tracker.test/p.gif'));
    // Scheme-relative becomes https, as the frame would have resolved it.
    expect(imgs[1]!.getAttribute('src')).toBe(proxied('https://tracker.test/q.gif'));
    expect(imgs[2]!.getAttribute('srcset')).toBe(`${proxied('https://tracker.test/a.png')} 1x, ${proxied('https://tracker.test/b.png')} 2x`);
    expect(root.querySelector('table')!.getAttribute('background')).toBe(proxied('http://tracker.test/bg.png'));
    expect(root.querySelector('div')!.getAttribute('style')).toBe(`background-image: url("${proxied('https://tracker.test/s.png')}")`);
    expect(root.querySelector('style')!.textContent).toContain(`url("${proxied('https://tracker.test/b.png')}")`);
    // No attribute or CSS anywhere still names the tracker outside a proxy URL.
    const withoutProxied = out.html.replaceAll(/https:\/\/mail\.example\.test\/api\/remote-image\?url=[^"\s,)]+/g, '');
    expect(withoutProxied).not.toContain('tracker.test');
  });

  it('keeps the proxy URL intact when the remote URL has quotes or parentheses, and drops a srcset it cannot split', () => {
    const tricky = 'https://t.test/a.png?y=")background:url(https://evil.test/z)';
    const out = clean(`<img srcset="${tricky.replace(/"/g, '&quot;')} 2x"><div style='background: url("${tricky.replace(/"/g, '\\"')}")'>x</div>`, allowed);
    const root = parse(out.html);
    expect(root.querySelector('img')!.getAttribute('srcset')).toBe(`${proxied(tricky)} 2x`);
    // CSS escapes are decoded once, so the quote ends the string there; what follows is read as
    // another url(), and goes through the proxy like the first. Nothing loads directly.
    expect(root.querySelector('div')!.getAttribute('style')).toContain(`url("${proxied('https://evil.test/z')}")`);
    expect(out.html).not.toContain('https://evil.test');
    // A comma inside a candidate URL: the naive split sees a non-URL piece, so the whole srcset goes.
    const comma = parse(clean('<img srcset="https://t.test/a.png?x=1,2 2x">', allowed).html);
    expect(comma.querySelector('img')!.hasAttribute('srcset')).toBe(false);
  });

  it('blocks image-set(), whose bare strings could not go through the proxy, even when remote is allowed', () => {
    const out = clean('<div style="background-image: image-set(\'https://tracker.test/x.png\' 1x)">x</div>', allowed);
    expect(parse(out.html).querySelector('div')!.getAttribute('style')).not.toContain('image-set(');
  });

  it('never allows relative image sources, which would hit the webmail itself', () => {
    const out = parse(clean('<img src="/api/session"><img src="logout">', allowed).html);
    for (const img of out.querySelectorAll('img')) expect(img.hasAttribute('src')).toBe(false);
  });

  it('keeps data: images but no other data: URLs', () => {
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    const out = parse(clean(`<img src="${png}"><img src="data:text/html,<b>x</b>"><div style="background:url(data:text/html,x)">y</div>`).html);
    const imgs = out.querySelectorAll('img');
    expect(imgs[0]!.getAttribute('src')).toBe(png);
    expect(imgs[1]!.hasAttribute('src')).toBe(false);
    expect(out.innerHTML).not.toContain('text/html');
  });
});

describe('sanitizeMailHtml: cid: images', () => {
  it('maps a known Content-ID to the inline part URL during sanitising', () => {
    const out = parse(clean('<img src="cid:logo@x" alt="Logo"><img src="cid:missing@x">').html);
    const [known, missing] = [...out.querySelectorAll('img')];
    expect(known!.getAttribute('src')).toBe(INLINE);
    expect(missing!.hasAttribute('src')).toBe(false);
  });

  it('decodes %-encoded Content-IDs (RFC 2392) and maps cid: in CSS', () => {
    const out = clean('<img src="cid:logo%40x"><div style="background: url(cid:logo@x)">x</div>');
    expect(parse(out.html).querySelector('img')!.getAttribute('src')).toBe(INLINE);
    expect(parse(out.html).querySelector('div')!.getAttribute('style')).toBe(`background: url("${INLINE}")`);
    expect(out.blockedRemote).toBe(0);
  });
});

describe('buildSrcdoc', () => {
  it('puts the CSP first and allows images only from the webmail itself (parts, the proxy) and data:', () => {
    expect(messageCsp()).not.toContain('https:');
    expect(messageCsp()).toContain("default-src 'none'");
    expect(messageCsp()).toContain("img-src 'self' data:;");
    const doc = buildSrcdoc('<p>x</p>');
    expect(doc.indexOf('Content-Security-Policy')).toBeLessThan(doc.indexOf('<body>'));
    expect(doc).not.toContain('script');
  });
});
