import { CORPUS } from './corpus.js';
import { makePdf, makePng } from './fixtures.js';

// What seedRealisticMail() puts in a mailbox, for tests to assert on.
// realistic.ts builds the mail from these values, so nothing is written twice.

const invoicePdf = makePdf(['Invoice 2024-117', 'Northwind Supplies Ltd.', 'Total due: EUR 1,240.00', 'Payable within 30 days.']);
const hikePng = makePng(64, 48);
const notesTxt = Buffer.from('Meeting notes\n\n- ship the beta on Friday\n- Ana owns the release notes\n- Ben checks the migration\n', 'utf8');
const praesentationPdf = makePdf(['Praesentation Q3', 'Uebersicht der Ergebnisse']);

export interface SeededAttachment {
  filename: string;
  contentType: string;
  /** Decoded size in bytes. */
  size: number;
  data: Buffer;
}

export const SEEDED = {
  /** End of the five-year span the seeded dates cover (fixed so runs are reproducible). */
  lastDate: new Date('2025-10-31T16:00:00Z'),
  firstDate: new Date('2020-11-02T08:00:00Z'),
  folders: ['INBOX', 'Sent', 'Archive', 'Junk', 'Drafts', 'Hostile'] as const,

  /** HTML mail (multipart/alternative) with a remote tracking image; nothing may fetch it. */
  remoteImage: {
    folder: 'INBOX',
    subject: 'Your weekly digest: 12 new updates',
    imageUrl: 'https://tracker.example.com/pixel.png',
  },
  /** multipart/related HTML with an inline cid: image (no remote load needed). */
  inlineImage: { folder: 'INBOX', subject: 'Photo from the hike', filename: 'hike.png', contentType: 'image/png', size: hikePng.length, data: hikePng },
  /** Mail with a PDF attachment. */
  attachment: {
    folder: 'INBOX',
    subject: 'Invoice 2024-117',
    filename: 'invoice-2024-117.pdf',
    contentType: 'application/pdf',
    size: invoicePdf.length,
    data: invoicePdf,
  } satisfies SeededAttachment & { folder: string; subject: string },
  textAttachment: { folder: 'INBOX', subject: 'Notes from the planning meeting', filename: 'notes.txt', contentType: 'text/plain', size: notesTxt.length, data: notesTxt },
  /** Non-ASCII filename sent as RFC 2231 `filename*=UTF-8''…`. */
  rfc2231Attachment: {
    folder: 'INBOX',
    subject: 'Präsentation Q3',
    filename: 'Präsentation_Übersicht_Q3.pdf',
    contentType: 'application/pdf',
    size: praesentationPdf.length,
    data: praesentationPdf,
  },
  /** Spam tagged by a filter (X-Spam-Flag: YES) that still landed in INBOX; more sit in Junk. */
  spam: { folder: 'INBOX', subject: '[SPAM] You have won a 1000 EUR gift card', junkCount: 4, junkSubjectPrefix: '[SPAM]' },
  /** A five-message thread (Message-ID/In-Reply-To/References), two of the messages are the user's replies in Sent. */
  thread: {
    subject: 'Project Falcon kickoff',
    messageIds: ['<falcon-1@mail.example.test>', '<falcon-2@mailstack.example.test>', '<falcon-3@mail.example.test>', '<falcon-4@mail.example.test>', '<falcon-5@mailstack.example.test>'],
    inInbox: 3,
    inSent: 2,
  },
  /** Subjects in other scripts, some encoded-word, one raw UTF-8 in the header. */
  international: {
    german: 'Übergabe der Schlüssel für die Wohnung',
    french: 'Réunion de lundi : ordre du jour',
    japanese: '来週の打ち合わせについて',
    emoji: 'Budget 2025 approved 🎉🚀',
    /** Display names sent as RFC 2047 encoded words. */
    fromNames: ['Jürgen Müller', 'Françoise Dubois', '山田 太郎'],
  },
  /** Broken boundary, bad base64, no From/Date/Message-ID: the reader must cope. */
  malformed: { folder: 'INBOX', subject: 'Malformed MIME test message' },
  draft: { folder: 'Drafts', subject: 'Draft: reply to the landlord' },
  /** The hostile corpus (e2e/corpus/hostile) is copied into this folder, the benign one into INBOX. */
  corpus: {
    hostileFolder: 'Hostile',
    hostile: CORPUS.filter((c) => c.kind === 'hostile').map((c) => ({ file: c.file, subject: c.subject, messageId: c.messageId })),
    benignFolder: 'INBOX',
    benign: CORPUS.filter((c) => c.kind === 'benign').map((c) => ({ file: c.file, subject: c.subject, messageId: c.messageId })),
  },
} as const;

export interface SeedSummary {
  address: string;
  /** Messages the seeder placed per folder (the counts right after a first seeding). */
  folders: Record<string, number>;
  total: number;
  /** true when the marker showed the mailbox was seeded before and nothing was written. */
  alreadySeeded: boolean;
}
