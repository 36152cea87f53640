import { z } from 'zod';
import { recipientSchema } from './compose.js';

/**
 * The address book contract (issue 7 part 1): contacts with several
 * addresses and phones, groups that can be used as recipients, search,
 * compose suggestions, and vCard / CSV import and export.
 *
 * Contacts belong to the signed-in user; ids are random UUIDs, and every
 * server statement also names the owner, so an id from another account finds
 * nothing (CONTACT_NOT_FOUND).
 */

export const CONTACTS_MAX = 20_000;
export const CONTACT_GROUPS_MAX = 500;
export const CONTACT_NAME_MAX = 200;
export const CONTACT_LABEL_MAX = 50;
export const CONTACT_NOTES_MAX = 10_000;
export const CONTACT_EMAILS_MAX = 20;
export const CONTACT_PHONES_MAX = 20;
export const CONTACT_PHONE_MAX = 50;
export const CONTACTS_PAGE_MAX = 500;
/** An import file, as raw bytes: the same ceiling as the API's JSON bodies. */
export const CONTACTS_IMPORT_MAX_BYTES = 8 * 1024 * 1024;
/** Lines listed in an import report; `skippedTotal` still counts them all. */
export const IMPORT_REPORT_MAX = 1000;
/** Labels the editor offers; imported files may bring others, which are kept as written. */
export const EMAIL_LABELS = ['home', 'work', 'other'] as const;
export const PHONE_LABELS = ['mobile', 'home', 'work', 'fax', 'other'] as const;

// eslint-disable-next-line no-control-regex -- refusing control characters is the point: a line break could add a header
const CONTROL = /[\u0000-\u001f\u007f]/;
/** One line of text: names and labels end up in headers (a recipient's display name), so no line breaks. */
const lineText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((s) => !CONTROL.test(s), 'must not contain line breaks or control characters');

export const contactIdSchema = z.uuid();

export const contactAddressSchema = z
  .string()
  .trim()
  .min(3)
  .max(320)
  .regex(/^[^\s@<>,;]+@[^\s@<>,;]+$/, 'an email address');

export const contactEmailSchema = z.object({ address: contactAddressSchema, label: lineText(CONTACT_LABEL_MAX) });
export type ContactEmail = z.infer<typeof contactEmailSchema>;

export const contactPhoneSchema = z.object({ number: lineText(CONTACT_PHONE_MAX).pipe(z.string().min(1)), label: lineText(CONTACT_LABEL_MAX) });
export type ContactPhone = z.infer<typeof contactPhoneSchema>;

const contactFields = {
  name: lineText(CONTACT_NAME_MAX),
  emails: z.array(contactEmailSchema).max(CONTACT_EMAILS_MAX),
  phones: z.array(contactPhoneSchema).max(CONTACT_PHONES_MAX),
  notes: z.string().max(CONTACT_NOTES_MAX),
  /** Ids of the groups this contact is in. */
  groups: z.array(contactIdSchema).max(CONTACT_GROUPS_MAX),
};

export const contactSchema = z.object({ id: contactIdSchema, ...contactFields });
export type Contact = z.infer<typeof contactSchema>;

/** Create and update (PUT replaces the whole contact). A contact needs a name or an address to be found again. */
export const contactInputSchema = z
  .object({ ...contactFields, groups: contactFields.groups.default([]), notes: contactFields.notes.default('') })
  .refine((c) => c.name !== '' || c.emails.length > 0, { message: 'a name or an email address is required', path: ['name'] });
export type ContactInput = z.input<typeof contactInputSchema>;

export const contactGroupSchema = z.object({
  id: contactIdSchema,
  name: lineText(100).pipe(z.string().min(1)),
  memberIds: z.array(contactIdSchema),
});
export type ContactGroup = z.infer<typeof contactGroupSchema>;

export const contactGroupInputSchema = z.object({
  name: contactGroupSchema.shape.name,
  memberIds: z.array(contactIdSchema).max(CONTACTS_MAX).default([]),
});
export type ContactGroupInput = z.input<typeof contactGroupInputSchema>;

/** GET list: a case- and accent-insensitive substring of the name or an address; paged, by name. */
export const contactListQuerySchema = z.object({
  q: z.string().trim().max(100).default(''),
  limit: z.coerce.number().int().min(1).max(CONTACTS_PAGE_MAX).default(200),
  offset: z.coerce.number().int().min(0).default(0),
});
export const contactListSchema = z.object({ contacts: z.array(contactSchema), total: z.number().int().nonnegative() });
export type ContactList = z.infer<typeof contactListSchema>;

export const contactGroupListSchema = z.object({ groups: z.array(contactGroupSchema) });

/** Compose autocomplete: one entry per address of a matching contact, and matching groups with their members' addresses. */
export const contactSuggestionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('contact'), contactId: contactIdSchema, name: z.string(), address: z.string() }),
  z.object({ kind: z.literal('group'), groupId: contactIdSchema, name: z.string(), members: z.array(recipientSchema) }),
]);
export type ContactSuggestion = z.infer<typeof contactSuggestionSchema>;
export const contactSuggestionsSchema = z.object({ suggestions: z.array(contactSuggestionSchema) });
export const CONTACT_SUGGESTIONS_MAX = 10;
export const suggestQuerySchema = z.object({ q: z.string().trim().min(1).max(100) });

export const EXPORT_FORMATS = ['vcard3', 'vcard4', 'csv'] as const;
export const exportQuerySchema = z.object({ format: z.enum(EXPORT_FORMATS).default('vcard4') });
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The import body is the file's bytes; the format is guessed from them unless named. */
export const importQuerySchema = z.object({ format: z.enum(['vcard', 'csv']).optional() });

/** Why a card or a row was not imported; the client says it in the user's language. */
export const IMPORT_SKIP_REASONS = [
  /** A card's BEGIN:VCARD has no END:VCARD before the next card or the end of the file. */
  'NO_END',
  /** A line between cards, outside BEGIN:VCARD … END:VCARD. */
  'OUTSIDE_CARD',
  /** The card's lines could not be read as vCard (RFC 6350 §3.3). */
  'UNPARSABLE',
  'NO_NAME_OR_EMAIL',
  'INVALID_EMAIL',
  /** A value longer than the address book keeps (name, notes), or too many addresses. */
  'TOO_LONG',
  /** A CSV row with more or fewer fields than the header. */
  'COLUMN_COUNT',
  /** A CSV quote opened and never closed: the rest of the file is one field. */
  'UNCLOSED_QUOTE',
  /** The CSV header names no column we know (no name, no email). */
  'UNKNOWN_COLUMNS',
  /** The same name with the same addresses is already in the address book. */
  'DUPLICATE',
  'LIMIT_REACHED',
] as const;
export const importSkipReasonSchema = z.enum(IMPORT_SKIP_REASONS);
export type ImportSkipReason = z.infer<typeof importSkipReasonSchema>;

export const importResultSchema = z.object({
  imported: z.number().int().nonnegative(),
  /** Line numbers are 1-based lines of the file: the card's BEGIN line, or the row's first line. */
  skipped: z.array(z.object({ line: z.number().int().positive(), reason: importSkipReasonSchema })).max(IMPORT_REPORT_MAX),
  skippedTotal: z.number().int().nonnegative(),
});
export type ImportResult = z.infer<typeof importResultSchema>;

export const CONTACTS_API = {
  /** GET ?q=&limit=&offset= lists; POST creates. */
  contacts: '/api/contacts',
  /** GET, PUT (replace), DELETE one contact. */
  contact: (id: string) => `/api/contacts/${encodeURIComponent(id)}`,
  /** GET lists; POST creates. */
  groups: '/api/contacts/groups',
  /** PUT (rename, set members), DELETE (the contacts stay). */
  group: (id: string) => `/api/contacts/groups/${encodeURIComponent(id)}`,
  /** GET ?q= for compose. */
  suggest: '/api/contacts/suggest',
  /** POST the file's bytes (text/vcard, text/csv); answers an ImportResult. */
  import: '/api/contacts/import',
  /** GET ?format=vcard3|vcard4|csv: a download. */
  export: '/api/contacts/export',
} as const;
