// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import type { Mailbox } from '../../../shared/mail.js';
import { reply } from '../actions/composeActions.js';
import { toggleRead } from '../actions/messageActions.js';
import { labelOf, type ActionContext } from '../actions/types.js';
import { addressProblem } from '../compose/recipients.js';
import { formatSize } from '../mail/format.js';
import { buildMailboxTree, mailboxLabel } from '../mail/mailboxTree.js';
import { refusalSentence } from '../offline/replay.js';
import { i18n, setLanguage } from './index.js';

/**
 * The action records and the folder names live outside React: they must read
 * the language each time they are shown, not once at import.
 */

function mb(path: string, specialUse: Mailbox['specialUse']): Mailbox {
  return { path, name: path, delimiter: '/', parentPath: null, specialUse, subscribed: true, selectable: true, total: 0, unread: 0 };
}

const noop = () => undefined;
const ctx: ActionContext = {
  mailbox: undefined, mailboxes: [], target: { uid: 1, flags: [], spam: false }, readerOpen: true, isPhone: false,
  cursor: 0, total: 1, moveCursor: noop, openCursor: noop, closeReader: noop, runMessageAction: noop, openCompose: noop,
};
// A server that calls its Sent folder "Sent Items" and also has a plain folder named "Trash" without the role.
const sent = mb('Sent Items', 'sent');
const namedTrash = mb('Trash', null);
const inbox = mb('INBOX', null);

afterEach(async () => {
  await setLanguage('en');
});

describe('switching the UI language', () => {
  it('re-words action labels and special folders (by role, never by name), then back', async () => {
    expect(i18n.language).toBe('en');
    expect([labelOf(reply, ctx), labelOf(toggleRead, ctx), mailboxLabel(sent), mailboxLabel(inbox), mailboxLabel(namedTrash)]).toEqual([
      'Reply', 'Mark read', 'Sent', 'Inbox', 'Trash',
    ]);

    await setLanguage('fr');
    expect(document.documentElement.lang).toBe('fr');
    expect([labelOf(reply, ctx), labelOf(toggleRead, ctx), mailboxLabel(sent), mailboxLabel(inbox), mailboxLabel(namedTrash)]).toEqual([
      'Répondre', 'Marquer comme lu', 'Envoyés', 'Boîte de réception', 'Trash',
    ]);
    expect(buildMailboxTree([namedTrash, sent, mb('Junk', 'junk'), inbox]).map((n) => n.label)).toEqual([
      'Boîte de réception', 'Envoyés', 'Indésirables', 'Trash',
    ]);

    await setLanguage('en');
    expect([labelOf(reply, ctx), mailboxLabel(sent), mailboxLabel(inbox)]).toEqual(['Reply', 'Sent', 'Inbox']);
  });

  it('words sizes, address problems and offline refusals in French, with French typography', async () => {
    expect(formatSize(2458)).toBe('2.4 KB');
    await setLanguage('fr');
    expect(formatSize(2458)).toBe('2,4\u00a0Ko');
    expect(formatSize(512)).toBe('512\u00a0o');
    expect(addressProblem('nobody')).toBe('«\u00a0nobody\u00a0» ne contient pas de @.');
    const refusal = refusalSentence({ mailbox: 'INBOX', uids: [1, 2], action: 'move', target: 'Archive' }, { code: 'MAILBOX_NOT_FOUND' });
    expect(refusal).toMatch(/^«\u00a0Déplacer\u00a0» sur 2 messages, fait hors ligne, n’a pas été appliqué\u00a0: \S/);
    expect(refusal).not.toMatch(/folder/);
  });
});
