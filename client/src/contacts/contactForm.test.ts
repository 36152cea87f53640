import { describe, expect, it } from 'vitest';
import { displayName, formOf, formProblem, inputOf } from './contactForm.js';

describe('contact form', () => {
  it('offers an empty address row for a new contact, and drops empty rows and spaces on save', () => {
    const form = formOf(null);
    expect(form.emails).toEqual([{ address: '', label: '' }]);
    expect(formProblem(form)).toBe('needNameOrEmail');
    form.name = '  Ada  ';
    form.emails.push({ address: ' ada@example.org ', label: 'work' });
    form.phones.push({ number: ' ', label: 'home' });
    expect(inputOf(form)).toEqual({ name: 'Ada', emails: [{ address: 'ada@example.org', label: 'work' }], phones: [], notes: '', groups: [] });
    expect(formProblem(form)).toBeNull();
  });

  it('edits a copy of the contact, and names an unnamed one by its first address', () => {
    const contact = { id: 'x', name: '', emails: [{ address: 'a@example.org', label: '' }], phones: [], notes: '', groups: ['g'] };
    const form = formOf(contact);
    form.emails[0]!.address = 'changed@example.org';
    form.groups.push('h');
    expect(contact.emails[0]!.address).toBe('a@example.org');
    expect(contact.groups).toEqual(['g']);
    expect(displayName(contact)).toBe('a@example.org');
  });
});
