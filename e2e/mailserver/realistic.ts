import { pick, prng } from './fixtures.js';
import { attachmentPart, encodeWord, encodeWordLatin1Q, mailbox, message, multipart, rfc5322Date, textPart } from './mime.js';
import { SEEDED } from './seeded.js';
import type { MaildirMessage } from './maildir.js';

export interface SeedMessage extends MaildirMessage {
  folder: string;
}

interface Person {
  name: string;
  address: string;
  /** Offset of their Date headers from UTC, in minutes. */
  tz: number;
}

const P = {
  ana: { name: 'Ana Lima', address: 'ana@example.test', tz: 60 },
  ben: { name: 'Ben Ortiz', address: 'ben@example.test', tz: -300 },
  juergen: { name: 'Jürgen Müller', address: 'juergen.mueller@example.de', tz: 120 },
  francoise: { name: 'Françoise Dubois', address: 'francoise.dubois@example.fr', tz: 60 },
  taro: { name: '山田 太郎', address: 'taro.yamada@example.jp', tz: 540 },
  priya: { name: 'Priya Natarajan', address: 'priya@example.org', tz: 330 },
  code: { name: 'CodeHost', address: 'notifications@code.example.com', tz: 0 },
  shop: { name: 'Northwind Newsletter', address: 'news@shop.example.com', tz: 0 },
  bank: { name: 'Example Bank', address: 'no-reply@bank.example.net', tz: 60 },
  spammer: { name: 'Prize Department', address: 'winner@lottery.example.biz', tz: -480 },
} satisfies Record<string, Person>;

const DAY = 86_400_000;

/**
 * The realistic mailbox: ~100 messages over five years. Pure and
 * deterministic (seeded PRNG, fixed dates): only `address` varies.
 */
export function buildRealisticMail(address: string): SeedMessage[] {
  const rand = prng(0x5eed);
  const local = address.split('@')[0] ?? 'user';
  const me: Person = { name: `${local[0]?.toUpperCase() ?? ''}${local.slice(1)} Example`, address, tz: 60 };
  const out: SeedMessage[] = [];
  const end = SEEDED.lastDate.getTime();
  const span = end - SEEDED.firstDate.getTime();
  let mid = 0;

  const add = (o: {
    folder: string;
    from: Person;
    to?: Person[];
    cc?: Person[];
    subject: string;
    /** Subject header as written (encoded word or raw); defaults to RFC 2047 of `subject`. */
    subjectHeader?: string;
    fromHeader?: string;
    date: Date;
    root: ReturnType<typeof textPart>;
    messageId?: string;
    inReplyTo?: string;
    references?: string[];
    extra?: string[];
    flags?: string;
  }) => {
    const msgId = o.messageId ?? `<seed-${++mid}.${o.date.getTime().toString(36)}@${o.from.address.split('@')[1]}>`;
    const headers = [
      `Return-Path: <${o.from.address}>`,
      `From: ${o.fromHeader ?? mailbox(o.from.name, o.from.address)}`,
      `To: ${(o.to ?? [me]).map((p) => mailbox(p.name, p.address)).join(', ')}`,
      ...(o.cc?.length ? [`Cc: ${o.cc.map((p) => mailbox(p.name, p.address)).join(', ')}`] : []),
      `Subject: ${o.subjectHeader ?? encodeWord(o.subject)}`,
      `Date: ${rfc5322Date(o.date, o.from.tz)}`,
      `Message-ID: ${msgId}`,
      ...(o.inReplyTo ? [`In-Reply-To: ${o.inReplyTo}`] : []),
      ...(o.references?.length ? [`References: ${o.references.join(' ')}`] : []),
      ...(o.extra ?? []),
    ];
    // Received a few seconds after it was written: INTERNALDATE (file mtime) follows Date.
    out.push({ folder: o.folder, raw: message(headers, o.root), internalDate: new Date(o.date.getTime() + 3_000 + Math.floor(rand() * 20_000)), flags: o.flags ?? '' });
    return msgId;
  };

  // --- Threads: each message references its ancestors; the user's replies go to Sent.
  const thread = (subject: string, start: Date, steps: Array<{ from: Person; text: string; id?: string }>, cc: Person[] = []) => {
    const refs: string[] = [];
    steps.forEach((s, i) => {
      const mine = s.from === me;
      const others = [...new Set(steps.map((x) => x.from).filter((p) => p !== s.from && p !== me))];
      const to = mine ? others.slice(0, 1) : [me];
      const id = add({
        folder: mine ? 'Sent' : 'INBOX',
        from: s.from,
        to: to.length ? to : [me],
        cc: mine ? [...others.slice(1), ...cc] : cc,
        subject: i === 0 ? subject : `Re: ${subject}`,
        date: new Date(start.getTime() + i * (3_600_000 + Math.floor(rand() * 20 * 3_600_000))),
        root: textPart(`${s.text}\n\n${refs.length ? `> earlier in this thread (${refs.length} message${refs.length > 1 ? 's' : ''})\n` : ''}-- \n${s.from.name}\n`),
        ...(s.id ? { messageId: s.id } : {}),
        ...(refs.length ? { inReplyTo: refs[refs.length - 1], references: [...refs] } : {}),
        // Mine are seen; later replies in a thread are unread.
        flags: mine ? 'S' : i < steps.length - 1 ? 'RS' : '',
      });
      refs.push(id);
    });
  };

  const ids = SEEDED.thread.messageIds;
  thread(SEEDED.thread.subject, new Date(end - 6 * DAY), [
    { from: P.ana, text: 'Hi team,\n\nlet us kick off Project Falcon on Monday. Agenda attached next week.', id: ids[0] },
    { from: me, text: 'Sounds good, Monday works for me.', id: ids[1] },
    { from: P.ben, text: 'I will prepare the migration plan.', id: ids[2] },
    { from: P.ana, text: 'Great, see you both on Monday at 10:00.', id: ids[3] },
    { from: me, text: 'I booked the big meeting room.', id: ids[4] },
  ], [P.ben]);
  thread(SEEDED.international.german, new Date(end - 40 * DAY), [
    { from: P.juergen, text: 'Hallo,\n\nkönnen wir die Schlüsselübergabe am Donnerstag um 18 Uhr machen?' },
    { from: me, text: 'Ja, Donnerstag passt. Bis dann!' },
    { from: P.juergen, text: 'Prima, ich bringe auch das Übergabeprotokoll mit.' },
  ]);
  thread(SEEDED.international.japanese, new Date(end - 120 * DAY), [
    { from: P.taro, text: 'お疲れ様です。\n\n来週の打ち合わせは水曜日の午後でいかがでしょうか。' },
    { from: me, text: '水曜日の午後で大丈夫です。よろしくお願いします。' },
    { from: P.taro, text: 'ありがとうございます。会議室を予約しておきます。' },
  ]);
  thread(SEEDED.international.emoji, new Date(end - 300 * DAY), [
    { from: P.priya, text: 'The board approved the budget! 🎉 Drinks on Friday.' },
    { from: me, text: 'Fantastic news 🚀' },
  ]);

  // French thread with a raw UTF-8 Subject header (RFC 6532 style, no encoded word).
  const frDate = new Date(end - 200 * DAY);
  const fr1 = add({ folder: 'INBOX', from: P.francoise, subject: SEEDED.international.french, subjectHeader: SEEDED.international.french, date: frDate, root: textPart('Bonjour,\n\nvoici l’ordre du jour de la réunion de lundi : budget, planning, questions diverses.\n\nCordialement,\nFrançoise'), flags: 'RS' });
  add({ folder: 'Sent', from: me, to: [P.francoise], subject: `Re: ${SEEDED.international.french}`, subjectHeader: `Re: ${SEEDED.international.french}`, date: new Date(frDate.getTime() + 5 * 3_600_000), root: textPart('Merci Françoise, à lundi !'), inReplyTo: fr1, references: [fr1], flags: 'S' });
  // Encoded-word From in ISO-8859-1 Q form, as older European mailers send it.
  add({ folder: 'INBOX', from: P.juergen, fromHeader: `${encodeWordLatin1Q('Jürgen Müller')} <${P.juergen.address}>`, subject: 'Nebenkostenabrechnung 2024', subjectHeader: encodeWordLatin1Q('Nebenkostenabrechnung 2024'), date: new Date(end - 75 * DAY), root: textPart('Anbei die Abrechnung für 2024. Grüße, Jürgen'), flags: 'S' });

  // --- HTML mail with a remote tracking image (multipart/alternative).
  const digestHtml = `<html><body style="font-family:sans-serif"><h1>Weekly digest</h1><p>12 new updates in your projects.</p>
<p><a href="https://www.example.com/digest">Open the digest</a></p>
<img src="${SEEDED.remoteImage.imageUrl}" width="1" height="1" alt=""></body></html>`;
  add({ folder: 'INBOX', from: P.code, subject: SEEDED.remoteImage.subject, date: new Date(end - 1 * DAY), root: multipart('alternative', 'alt-digest-1', [textPart('Weekly digest\n\n12 new updates in your projects.\nhttps://www.example.com/digest\n'), textPart(digestHtml, 'html')]), extra: ['List-Unsubscribe: <https://www.example.com/unsubscribe>'] });

  // --- Attachments.
  const a = SEEDED.attachment;
  add({ folder: 'INBOX', from: P.bank, subject: a.subject, date: new Date(end - 3 * DAY), root: multipart('mixed', 'mixed-invoice', [textPart('Dear customer,\n\nplease find your invoice attached.\n'), attachmentPart(a.filename, a.contentType, a.data)]), flags: 'F' });
  const t = SEEDED.textAttachment;
  add({ folder: 'INBOX', from: P.ben, subject: t.subject, date: new Date(end - 10 * DAY), root: multipart('mixed', 'mixed-notes', [textPart('Notes attached.'), attachmentPart(t.filename, t.contentType, t.data)]), flags: 'S' });
  const r = SEEDED.rfc2231Attachment;
  add({ folder: 'INBOX', from: P.juergen, subject: r.subject, date: new Date(end - 12 * DAY), root: multipart('mixed', 'mixed-praes', [textPart('Hallo,\n\nanbei die Präsentation.\n'), attachmentPart(r.filename, r.contentType, r.data)]), flags: 'SF' });
  const img = SEEDED.inlineImage;
  add({ folder: 'INBOX', from: P.priya, subject: img.subject, date: new Date(end - 20 * DAY), root: multipart('related', 'rel-hike', [textPart('<html><body><p>What a view!</p><img src="cid:hike@seed" alt="hike"></body></html>', 'html'), attachmentPart(img.filename, img.contentType, img.data, 'inline', 'hike@seed')]), flags: 'S' });

  // --- Spam: one tagged message that slipped into INBOX, more in Junk.
  const spamHeaders = (score: number) => ['X-Spam-Flag: YES', `X-Spam-Status: Yes, score=${score.toFixed(1)} required=5.0 tests=BAYES_99,HTML_MESSAGE,URIBL_BLACK autolearn=spam`, `X-Spam-Level: ${'*'.repeat(Math.floor(score))}`];
  add({ folder: 'INBOX', from: P.spammer, subject: SEEDED.spam.subject, date: new Date(end - 2 * DAY), root: textPart('Claim your prize now at http://lottery.example.biz/claim'), extra: spamHeaders(12.3) });
  ['Cheap meds online', 'Your account will be suspended', 'Hot singles in your area', 'Crypto investment opportunity'].forEach((s, i) =>
    add({ folder: 'Junk', from: P.spammer, subject: `${SEEDED.spam.junkSubjectPrefix} ${s}`, date: new Date(end - (i * 17 + 4) * DAY), root: textPart(`${s}! Click http://lottery.example.biz/${i}`), extra: spamHeaders(6 + i * 2.5) }),
  );

  // --- Malformed: declared boundary never used correctly, bad base64, no From/Date/Message-ID.
  out.push({
    folder: 'INBOX',
    internalDate: new Date(end - 8 * DAY),
    flags: '',
    raw: [
      `To: ${address}`,
      `Subject: ${SEEDED.malformed.subject}`,
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="declared-boundary"',
      '',
      '--wrong-boundary',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'This part sits behind a boundary that was never declared.',
      '--declared-boundary',
      'Content-Type: application/octet-stream; name="broken.bin"',
      'Content-Transfer-Encoding: base64',
      '',
      'This is !!! not *** valid base64 ===',
      '--declared-boundary',
      'Content-Type: text/html; charset=no-such-charset',
      '',
      '<p>Unterminated <b>markup',
      '',
    ].join('\n'),
  });

  // --- Draft.
  add({ folder: 'Drafts', from: me, to: [P.juergen], subject: SEEDED.draft.subject, date: new Date(end - 1 * DAY), root: textPart('Hallo Herr Müller,\n\n'), flags: 'DS' });

  // --- Filler across five years: notifications, newsletters, colleagues; older ones archived.
  const topics = ['Build failed on main', 'New comment on issue #', 'Pull request merged: #', 'Your order has shipped', 'Monthly statement available', 'Weekly team update', 'Lunch on Thursday?', 'Re: conference travel', 'Holiday schedule', 'Security alert: new sign-in'];
  const senders = [P.code, P.code, P.code, P.shop, P.bank, P.ana, P.ben, P.priya, P.ana, P.bank];
  for (let i = 0; i < 64; i++) {
    const k = Math.floor(rand() * topics.length);
    const topic = topics[k] ?? 'Hello';
    const from = senders[k] ?? P.ana;
    const date = new Date(end - 30 * DAY - Math.floor(rand() * (span - 31 * DAY)));
    const old = end - date.getTime() > 365 * DAY;
    const subject = topic.endsWith('#') ? `${topic}${100 + Math.floor(rand() * 900)}` : topic;
    const html = from === P.shop;
    const body = `Hello ${me.name},\n\n${subject}.\n\nRegards,\n${from.name}\n`;
    add({
      folder: old && rand() < 0.7 ? 'Archive' : 'INBOX',
      from,
      subject,
      date,
      root: html ? multipart('alternative', `alt-filler-${i}`, [textPart(body), textPart(`<html><body><p>${body.replace(/\n/g, '<br>')}</p></body></html>`, 'html')]) : textPart(body),
      flags: (old || rand() < 0.6 ? 'S' : '') + (rand() < 0.08 ? 'F' : ''),
    });
  }
  for (let i = 0; i < 6; i++) {
    const to = pick(rand, [P.ana, P.ben, P.priya, P.francoise]);
    add({ folder: 'Sent', from: me, to: [to], subject: pick(rand, ['Quick question', 'Slides for tomorrow', 'Thanks!', 'Invoice received']), date: new Date(end - Math.floor(rand() * span)), root: textPart(`Hi ${to.name.split(' ')[0]},\n\njust a short note.\n`), flags: 'S' });
  }
  return out;
}
