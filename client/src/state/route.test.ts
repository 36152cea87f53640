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
});
