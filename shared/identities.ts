import { z } from 'zod';

/**
 * Sender identities (issue 7 part 2): the From addresses a user may send as,
 * each with a display name, an optional Reply-To and a signature. The login
 * address is always one of them. Which addresses are allowed is the admin's
 * choice (WEBMAIL_IDENTITY_ADDRESSES), checked on the server when an identity
 * is saved and again when a message is sent; a draft names its identity by id
 * and the server, never the client, turns that into From and Reply-To.
 */

// eslint-disable-next-line no-control-regex -- refusing control characters is the point: a line break could add a header
const CONTROL = /[\u0000-\u001f\u007f]/;
/** Header-bound text: no line break can add a header (the same rule as shared/compose.ts). */
const headerText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !CONTROL.test(s), 'must not contain line breaks or control characters');

export const identityIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

/** A logo as a data: image fits; a whole newsletter does not. */
export const SIGNATURE_HTML_MAX = 64 * 1024;
export const SIGNATURE_TEXT_MAX = 10_000;
export const IDENTITIES_MAX = 50;

export const SIGNATURE_FORMATS = ['html', 'text'] as const;

/**
 * The signature as the user wrote it. HTML is stored as typed: the browser
 * sanitises it with the reader's DOMPurify policy before showing or inserting
 * it (DESIGN.md §5), and what is sent is the compose editor's own output.
 */
export const signatureSchema = z
  .object({
    format: z.enum(SIGNATURE_FORMATS),
    body: z.string().max(SIGNATURE_HTML_MAX),
  })
  .superRefine((s, ctx) => {
    if (s.format === 'text' && s.body.length > SIGNATURE_TEXT_MAX) {
      ctx.addIssue({ code: 'custom', path: ['body'], message: `a text signature has at most ${SIGNATURE_TEXT_MAX} characters` });
    }
  });
export type Signature = z.infer<typeof signatureSchema>;

export const EMPTY_SIGNATURE: Signature = { format: 'text', body: '' };

export const identitySchema = z.object({
  id: identityIdSchema,
  /** The display name of From; "" for the bare address. */
  name: z.string(),
  address: z.string(),
  /** Where replies should go (RFC 5322 §3.6.2), or null for none. */
  replyTo: z.string().nullable(),
  signature: signatureSchema,
  /** Exactly one identity is the default: new messages start with it. */
  isDefault: z.boolean(),
});
export type Identity = z.infer<typeof identitySchema>;

/** Create and update bodies: the whole identity but its id and default flag. Addresses are checked on the server. */
export const identityInputSchema = z.object({
  name: headerText(200).transform((s) => s.trim()),
  address: headerText(320).pipe(z.string().trim().min(3, 'an email address')),
  replyTo: headerText(320)
    .nullable()
    .transform((s) => (s === null || s.trim() === '' ? null : s.trim())),
  signature: signatureSchema,
});
export type IdentityInput = z.input<typeof identityInputSchema>;

/** What the admin lets users put in From (WEBMAIL_IDENTITY_ADDRESSES). */
export const IDENTITY_ADDRESS_POLICIES = ['login', 'domain', 'any'] as const;
export const identityAddressPolicySchema = z.enum(IDENTITY_ADDRESS_POLICIES);
export type IdentityAddressPolicy = z.infer<typeof identityAddressPolicySchema>;

export const identityListSchema = z.object({
  identities: z.array(identitySchema),
  /** So the settings screen can say which addresses are allowed before the user types one. */
  policy: identityAddressPolicySchema,
});
export type IdentityList = z.infer<typeof identityListSchema>;

/** The answer to a create or update: the saved identity and the whole list after it. */
export const identitySavedSchema = identityListSchema.extend({ identity: identitySchema });
export type IdentitySaved = z.infer<typeof identitySavedSchema>;

export const IDENTITIES_API = {
  /** GET the list; POST an IdentityInput to add one (201). */
  list: '/api/identities',
  /** PUT an IdentityInput to change one; DELETE to remove it. */
  identity: (id: string) => `/api/identities/${encodeURIComponent(id)}`,
  /** POST: make this identity the default. */
  setDefault: (id: string) => `/api/identities/${encodeURIComponent(id)}/default`,
} as const;

/** The identity new messages start with: the default, or the first one if the list came without one. */
export function defaultIdentity(identities: readonly Identity[]): Identity | null {
  return identities.find((i) => i.isDefault) ?? identities[0] ?? null;
}
