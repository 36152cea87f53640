// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { blankDraft } from '../../../shared/compose.js';
import type { Identity, Signature } from '../../../shared/identities.js';
import { openWithIdentity, startingIdentity, takesSignature } from './identity.js';
import { applyHtmlSignature, applyTextSignature, replaceSignature, signatureBlockId, signatureHtml, textBlock } from './signature.js';

const ID = signatureBlockId('D'.repeat(24));
const html = (body: string): Signature => ({ format: 'html', body });
const text = (body: string): Signature => ({ format: 'text', body });
const REPLY = '<p></p><p>On 1 Jan 2026, Bob wrote:</p><blockquote type="cite"><p>Hi</p><div class="webmail-signature" id="sig-other"><p>-- </p><p>Bob</p></div></blockquote>';

function blocks(out: string): Element[] {
  const doc = new DOMParser().parseFromString(out, 'text/html');
  return [...doc.querySelectorAll('.webmail-signature')].filter((el) => el.id === ID);
}

describe('HTML signatures', () => {
  it('go after the empty first line of a new message or reply, above the quote', () => {
    const out = applyHtmlSignature(REPLY, ID, html('<p>The <b>Sales</b> team</p>'));
    expect(out).toBe(`<p></p><div class="webmail-signature" id="${ID}"><p>-- </p><p>The <b>Sales</b> team</p></div><p>On 1 Jan 2026, Bob wrote:</p><blockquote type="cite"><p>Hi</p><div class="webmail-signature" id="sig-other"><p>-- </p><p>Bob</p></div></blockquote>`);
    expect(applyHtmlSignature('', ID, text('Sales'))).toBe(`<p></p><div class="webmail-signature" id="${ID}"><p>-- </p><p>Sales</p></div>`);
  });

  it('replace the block in place when the identity changes, never stacking, and leave the quoted original\'s alone', () => {
    const first = applyHtmlSignature(REPLY, ID, html('<p>Sales</p>'));
    // The user typed above it meanwhile.
    const typed = first.replace('<p></p>', '<p>Dear Bob,</p>');
    const second = applyHtmlSignature(typed, ID, text('Support desk'));
    expect(blocks(second)).toHaveLength(1);
    expect(blocks(second)[0]!.textContent).toBe('-- Support desk');
    expect(second.startsWith('<p>Dear Bob,</p><div')).toBe(true);
    expect(second).toContain('id="sig-other"><p>-- </p><p>Bob</p>');
    // An identity without a signature removes the block.
    const none = applyHtmlSignature(second, ID, text(''));
    expect(blocks(none)).toHaveLength(0);
    expect(none).toContain('id="sig-other"');
    // And the next one with a signature goes back above the quote.
    const again = applyHtmlSignature(none, ID, text('Sales'));
    expect(again.indexOf(ID)).toBeLessThan(again.indexOf('wrote:'));
  });

  it('above a forwarded message\'s header block when the body has text already', () => {
    const fwd = '<p>FYI</p><p>---------- Forwarded message ----------<br>From: Bob</p><p>Body</p>';
    const out = applyHtmlSignature(fwd, ID, text('Sales'));
    expect(out.indexOf('FYI')).toBeLessThan(out.indexOf(ID));
    expect(out.indexOf(ID)).toBeLessThan(out.indexOf('Forwarded message'));
  });

  it('are sanitised with the reader\'s policy before insertion: no script, no handlers, no remote images', () => {
    const dirty = html('<p onclick="steal()">Sales<script>alert(1)</script><img src="https://tracker.example/p.gif"><img src="data:image/png;base64,AAAA" alt="logo"></p>');
    const clean = signatureHtml(dirty);
    expect(clean).not.toMatch(/script|onclick|tracker\.example/);
    expect(clean).toContain('data:image/png;base64,AAAA');
    const out = applyHtmlSignature('<p></p>', ID, dirty);
    expect(out).not.toMatch(/script|onclick|tracker\.example/);
  });

  it('an editor\'s empty paragraph is no signature: no block, no lone separator', () => {
    expect(signatureHtml(html('<p></p>'))).toBe('');
    expect(applyHtmlSignature('<p></p>', ID, html('<p> </p>'))).toBe('<p></p>');
    expect(textBlock(html('<p></p>'))).toBe('');
  });
});

describe('text signatures', () => {
  const REPLY_TEXT = '\n\nOn 1 Jan 2026, Bob wrote:\n> Hi\n> -- \n> Bob\n';

  it('go below the typing line, above the quote, after the "-- " separator', () => {
    expect(applyTextSignature('', '', textBlock(text('Sales')))).toBe('\n\n-- \nSales');
    expect(applyTextSignature(REPLY_TEXT, '', textBlock(text('Sales')))).toBe('\n\n-- \nSales\n\nOn 1 Jan 2026, Bob wrote:\n> Hi\n> -- \n> Bob\n');
    expect(applyTextSignature('Dear Bob,\n\n\nOn 1 Jan 2026, Bob wrote:\n> Hi', '', '-- \nSales')).toBe('Dear Bob,\n\n-- \nSales\n\nOn 1 Jan 2026, Bob wrote:\n> Hi');
    expect(applyTextSignature('Just text', '', '-- \nSales')).toBe('Just text\n\n-- \nSales');
  });

  it('replace the previous identity\'s block in place, or remove it, never stacking', () => {
    const sales = textBlock(text('Sales\nexample.test'));
    const support = textBlock(html('<p>Support <b>desk</b></p>'));
    expect(support).toBe('-- \nSupport desk');
    const first = applyTextSignature(`Hello${REPLY_TEXT}`, '', sales);
    const second = applyTextSignature(first, sales, support);
    expect(second).toBe('Hello\n\n-- \nSupport desk\n\nOn 1 Jan 2026, Bob wrote:\n> Hi\n> -- \n> Bob\n');
    expect(second.match(/^-- $/gm)).toHaveLength(1);
    expect(applyTextSignature(second, support, '')).toBe('Hello\n\nOn 1 Jan 2026, Bob wrote:\n> Hi\n> -- \n> Bob\n');
  });

  it('leave a signature the user edited alone and add the new one once', () => {
    const edited = 'Hi\n\n-- \nSales (on holiday)';
    const out = applyTextSignature(edited, '-- \nSales', '-- \nSupport');
    expect(out).toBe('Hi\n\n-- \nSales (on holiday)\n\n-- \nSupport');
  });

  it('replaceSignature follows the body\'s format', () => {
    const body = { format: 'text' as const, html: '', text: 'Hi\n\n-- \nSales' };
    expect(replaceSignature(body, ID, text('Sales'), text('Support')).text).toBe('Hi\n\n-- \nSupport');
  });
});

describe('opening compose with an identity', () => {
  const identity = (id: string, address: string, isDefault: boolean, signature: Signature = text('')): Identity => ({
    id: id.padEnd(8, '0'), name: id, address, replyTo: null, signature, isDefault,
  });
  const login = identity('me', 'me@example.test', false);
  const sales = identity('sales', 'sales@example.test', true, text('The Sales team'));
  const draft = { ...blankDraft('D'.repeat(24), { name: '', address: 'me@example.test' }), html: '<p></p>' };

  it('a new message starts with the default; a reply with the server\'s choice; an old draft with its From', () => {
    expect(startingIdentity(draft, [login, sales], true)).toBe(sales);
    expect(startingIdentity({ ...draft, identityId: login.id }, [login, sales], false)).toBe(login);
    expect(startingIdentity(draft, [login, sales], false)).toBe(login);
    expect(startingIdentity({ ...draft, identityId: 'deleted-id' }, [login, sales], false)).toBe(sales);
    expect(startingIdentity(draft, [], true)).toBeNull();
  });

  it('sets From and the id, and adds the signature only to new bodies', () => {
    const opened = openWithIdentity(draft, sales, takesSignature('new'));
    expect(opened).toMatchObject({ identityId: sales.id, from: { name: 'sales', address: 'sales@example.test' } });
    expect(opened.html).toContain('The Sales team');
    expect(takesSignature('draft')).toBe(false);
    expect(takesSignature('editAsNew')).toBe(false);
    expect(openWithIdentity(draft, sales, false).html).toBe('<p></p>');
    expect(openWithIdentity({ ...draft, format: 'text', html: null }, sales, true).text).toBe('\n\n-- \nThe Sales team');
  });
});
