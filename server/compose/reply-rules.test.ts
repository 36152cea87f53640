import { describe, expect, it } from 'vitest';
import { forwardSubject, parseMessageIds, replyRecipients, replyReferences, replySubject } from './reply-rules.js';

const a = (address: string, name = '') => ({ name, address });

describe('subjects', () => {
  it('adds one prefix, never stacking', () => {
    expect(replySubject('Lunch')).toBe('Re: Lunch');
    expect(replySubject('Re: Lunch')).toBe('Re: Lunch');
    expect(replySubject('RE: Re: AW: Lunch')).toBe('Re: Lunch');
    expect(replySubject('Re[2]: Lunch')).toBe('Re: Lunch');
    expect(replySubject('Fwd: Lunch')).toBe('Re: Fwd: Lunch');
    expect(forwardSubject('Lunch')).toBe('Fwd: Lunch');
    expect(forwardSubject('FW: Fwd: Lunch')).toBe('Fwd: Lunch');
    expect(forwardSubject('Re: Lunch')).toBe('Fwd: Re: Lunch');
    expect(replySubject('')).toBe('Re: ');
  });
});

describe('references', () => {
  it('appends the original Message-ID to its References', () => {
    expect(replyReferences({ references: ['<a@x>', '<b@x>'], inReplyTo: '<b@x>', messageId: '<c@x>' })).toEqual(['<a@x>', '<b@x>', '<c@x>']);
    expect(replyReferences({ references: [], inReplyTo: '<b@x>', messageId: '<c@x>' })).toEqual(['<b@x>', '<c@x>']);
    expect(replyReferences({ references: [], inReplyTo: null, messageId: null })).toEqual([]);
  });

  it('trims a long chain keeping the root and the newest', () => {
    const refs = Array.from({ length: 30 }, (_, i) => `<m${i}@x>`);
    const out = replyReferences({ references: refs, inReplyTo: null, messageId: '<new@x>' }, 5);
    expect(out).toEqual(['<m0@x>', '<m27@x>', '<m28@x>', '<m29@x>', '<new@x>']);
  });

  it('parses ids out of folded header values', () => {
    expect(parseMessageIds('<a@x>\r\n <b@x> junk <c@y>')).toEqual(['<a@x>', '<b@x>', '<c@y>']);
    expect(parseMessageIds(undefined)).toEqual([]);
  });
});

describe('reply recipients', () => {
  const me = 'me@example.test';
  it('answers the sender, or Reply-To when set', () => {
    expect(replyRecipients({ from: a('ann@x.test', 'Ann'), replyTo: [], to: [a(me)], cc: [] }, [me], false)).toEqual({ to: [a('ann@x.test', 'Ann')], cc: [] });
    expect(replyRecipients({ from: a('ann@x.test'), replyTo: [a('list@x.test', 'List')], to: [a(me)], cc: [] }, [me], false).to).toEqual([a('list@x.test', 'List')]);
  });

  it('reply-all keeps To and Cc as Cc without me and without duplicates', () => {
    const r = replyRecipients(
      { from: a('ann@x.test'), replyTo: [], to: [a('ME@example.test'), a('bob@x.test'), a('ann@x.test')], cc: [a('cid@x.test'), a('Bob@X.test'), a(me)] },
      [me],
      true,
    );
    expect(r).toEqual({ to: [a('ann@x.test')], cc: [a('bob@x.test'), a('cid@x.test')] });
  });

  it('replying to my own sent message goes to its recipients', () => {
    const r = replyRecipients({ from: a(me), replyTo: [], to: [a('bob@x.test')], cc: [a('cid@x.test')] }, [me], true);
    expect(r).toEqual({ to: [a('bob@x.test')], cc: [a('cid@x.test')] });
  });
});
