import { describe, expect, it } from 'vitest';
import { filterRuleSchema, filterSetSchema, EMPTY_FILTER_SET } from '../../../../shared/filters.js';
import { joinField, newAction, newRule, problemOf, problemOfField, splitAddresses, splitField } from './draft.js';

describe('filter form helpers', () => {
  it('a new rule is complete once it has a folder and a value', () => {
    expect(filterRuleSchema.safeParse(newRule('Archive')).success).toBe(true); // an empty value is allowed ("is" an empty subject)
    expect(filterRuleSchema.safeParse(newRule()).success).toBe(false); // no folder chosen yet
  });

  it('each new action passes the contract once its blanks are filled', () => {
    for (const type of ['fileinto', 'addflag', 'redirect', 'discard', 'stop'] as const) {
      const a = newAction(type, 'Work');
      const filled = a.type === 'redirect' ? { ...a, address: 'a@example.org' } : a;
      expect(filterRuleSchema.safeParse({ ...newRule('x'), actions: [filled] }).success, type).toBe(true);
    }
  });

  it('splits and joins "header:<name>" fields', () => {
    expect(splitField('header:X-Spam')).toEqual({ kind: 'header', header: 'X-Spam' });
    expect(splitField('to')).toEqual({ kind: 'to', header: '' });
    expect(joinField('header', 'List-Id')).toBe('header:List-Id');
    expect(joinField('subject', 'ignored')).toBe('subject');
  });

  it('reads a typed list of addresses', () => {
    expect(splitAddresses(' a@x.org, b@y.org;c@z.org  ')).toEqual(['a@x.org', 'b@y.org', 'c@z.org']);
    expect(splitAddresses('')).toEqual([]);
  });

  it('names the problem of the first refused field, from the contract or the server', () => {
    const bad = { ...EMPTY_FILTER_SET, vacation: { ...EMPTY_FILTER_SET.vacation, enabled: true, body: 'x', from: '2030-02-01', until: '2030-01-01' } };
    const parsed = filterSetSchema.safeParse(bad);
    expect(parsed.success).toBe(false);
    expect(problemOf(parsed.error!.issues[0]!.path)).toEqual({ key: 'problem.vacationDates' });
    const rule = filterSetSchema.safeParse({ ...EMPTY_FILTER_SET, rules: [newRule('A'), newRule()] });
    expect(problemOf(rule.error!.issues[0]!.path)).toEqual({ key: 'problem.rule', n: 2 });
    expect(problemOfField('rules.4.actions.0.folder')).toEqual({ key: 'problem.rule', n: 5 });
    expect(problemOfField('vacation.body')).toEqual({ key: 'problem.vacationBody' });
    expect(problemOfField(undefined)).toEqual({ key: 'problem.generic' });
  });
});
