import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute } from './route.js';

describe('hash routes', () => {
  it('round-trips mailbox paths with slashes, spaces and non-ASCII', () => {
    for (const mailbox of ['INBOX', 'Work/Clients 2024', 'Boîte #1', 'a%2Fb']) {
      for (const uid of [null, 123]) {
        expect(parseRoute(formatRoute({ mailbox, uid }))).toEqual({ mailbox, uid });
      }
    }
  });

  it('ignores anything it does not understand', () => {
    expect(parseRoute('')).toEqual({ mailbox: null, uid: null });
    expect(parseRoute('#/m/%E0%A4%A')).toEqual({ mailbox: null, uid: null });
    expect(parseRoute('#/m/INBOX/0')).toEqual({ mailbox: 'INBOX', uid: null });
  });

  it('routes the settings screen and its section', () => {
    expect(parseRoute('#/settings')).toEqual({ mailbox: null, uid: null, settings: '' });
    expect(parseRoute('#/settings/contacts')).toEqual({ mailbox: null, uid: null, settings: 'contacts' });
    expect(formatRoute({ mailbox: null, uid: null, settings: 'filters' })).toBe('#/settings/filters');
    expect(parseRoute('#/settings/../x')).toEqual({ mailbox: null, uid: null });
  });

  it('carries a search after the route, for one folder or all of them', () => {
    expect(parseRoute('#/m/INBOX?text=invoice')).toEqual({ mailbox: 'INBOX', uid: null, search: { text: 'invoice' } });
    expect(parseRoute('#/m/Work%2FClients/42?from=ana&unread=1')).toEqual({ mailbox: 'Work/Clients', uid: 42, search: { from: 'ana', unread: true } });
    expect(parseRoute('#/search?text=Zo%C3%AB+%22x%22')).toEqual({ mailbox: null, uid: null, search: { text: 'Zoë "x"' } });
    for (const route of [
      { mailbox: 'INBOX', uid: null, search: { text: 'a & b?c=d#e', attachment: false, larger: 1024 } },
      { mailbox: 'Boîte #1', uid: 7, search: { since: '2024-01-01', flagged: true } },
      { mailbox: null, uid: null, search: { subject: '{5}\\', unread: false } },
    ]) {
      expect(parseRoute(formatRoute(route))).toEqual(route);
    }
  });

  it('a search that says nothing valid is no search', () => {
    expect(parseRoute('#/m/INBOX?text=')).toEqual({ mailbox: 'INBOX', uid: null });
    expect(parseRoute('#/m/INBOX?since=tomorrow&unread=yes')).toEqual({ mailbox: 'INBOX', uid: null });
    expect(parseRoute('#/m/INBOX?since=tomorrow&text=x')).toEqual({ mailbox: 'INBOX', uid: null, search: { text: 'x' } });
    expect(parseRoute('#/search?')).toEqual({ mailbox: null, uid: null });
    expect(parseRoute('#/settings?text=x')).toEqual({ mailbox: null, uid: null, settings: '' });
    expect(formatRoute({ mailbox: 'INBOX', uid: null, search: {} })).toBe('#/m/INBOX');
  });
});
