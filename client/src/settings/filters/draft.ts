import type { Condition, FilterAction, FilterActionType, FilterRule } from '../../../../shared/filters.js';

// Pure helpers of the filter form: blank rules, conditions and actions, the
// "header:<name>" field split for the editor, and which sentence a refused
// field deserves (from the contract's path, never from its English text).

export function newCondition(): Condition {
  return { field: 'from', op: 'contains', value: '' };
}

export function newAction(type: FilterActionType, firstFolder = ''): FilterAction {
  switch (type) {
    case 'fileinto':
      return { type, folder: firstFolder };
    case 'addflag':
      return { type, flag: '\\Seen' };
    case 'redirect':
      return { type, address: '', copy: true };
    default:
      return { type };
  }
}

export function newRule(firstFolder = ''): FilterRule {
  return { name: '', enabled: true, match: 'all', conditions: [newCondition()], actions: [newAction('fileinto', firstFolder)] };
}

export type FieldKind = 'from' | 'to' | 'subject' | 'header';

/** "header:X-Spam" → header + "X-Spam"; the three named fields as they are. */
export function splitField(field: string): { kind: FieldKind; header: string } {
  if (field.startsWith('header:')) return { kind: 'header', header: field.slice('header:'.length) };
  return { kind: field === 'to' || field === 'subject' ? field : 'from', header: '' };
}

export function joinField(kind: FieldKind, header: string): string {
  return kind === 'header' ? `header:${header}` : kind;
}

/** Addresses typed with commas, semicolons or spaces between them. */
export function splitAddresses(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((a) => a.trim())
    .filter(Boolean);
}

/** An i18n key (namespace filters) and its values, for the first refused field of a FilterSet. */
export function problemOf(path: ReadonlyArray<PropertyKey>): { key: string; n?: number } {
  const [top, index] = path;
  if (top === 'rules' && typeof index === 'number') return { key: 'problem.rule', n: index + 1 };
  if (top === 'vacation' && (index === 'from' || index === 'until')) return { key: 'problem.vacationDates' };
  if (top === 'vacation' && index === 'body') return { key: 'problem.vacationBody' };
  if (top === 'vacation' && index === 'addresses') return { key: 'problem.vacationAddresses' };
  if (top === 'vacation') return { key: 'problem.vacation' };
  return { key: 'problem.generic' };
}

/** The same for a server's VALIDATION_FAILED `field` ("rules.2.actions.0.folder"). */
export function problemOfField(field: string | undefined): { key: string; n?: number } {
  return problemOf((field ?? '').split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)));
}
