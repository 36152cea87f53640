import { describe, expect, it } from 'vitest';
import { i18n } from '../../i18n/index.js';
import { describeCriteria } from './describe.js';

describe('the words for a search', () => {
  it('says every criterion, in the order of the form', () => {
    const t = i18n.getFixedT('en', 'search');
    expect(describeCriteria({ text: 'invoice' }, t, 'en')).toBe('“invoice”');
    expect(describeCriteria({ unread: true, from: 'ana', larger: 1024 * 1024 }, t, 'en')).toBe('from “ana”, unread, larger than 1.0 MB');
    expect(describeCriteria({ since: '2024-03-01', attachment: false, flagged: false }, t, 'en')).toBe('sent on or after Mar 1, 2024, without attachments, not flagged');
  });

  it('in French too', () => {
    const t = i18n.getFixedT('fr', 'search');
    expect(describeCriteria({ subject: 'réunion', unread: false }, t, 'fr')).toBe('objet « réunion » et lus');
  });
});
