import type { IdentityAddressPolicy, Signature } from '../../shared/identities.js';
import type { CheckedIdentity } from '../store/identities.js';
import { normaliseAddress } from '../mime/addresses.js';
import { AppError } from '../errors.js';

function domainOf(envelope: string): string {
  return envelope.slice(envelope.lastIndexOf('@') + 1).toLowerCase();
}

/**
 * Whether the admin's policy (WEBMAIL_IDENTITY_ADDRESSES) lets this login put
 * `address` in From. A webmail that let anyone type any From would be a
 * forging tool, whatever the submission server checks afterwards
 * (Postfix's smtpd_sender_login_maps, if set, still has the last word).
 * Domains compare in their ASCII form, so an IDN typed either way matches.
 */
export function addressAllowed(policy: IdentityAddressPolicy, login: string, address: string): boolean {
  const n = normaliseAddress(address);
  const me = normaliseAddress(login);
  if (!n || !me) return false;
  switch (policy) {
    case 'any':
      return true;
    case 'domain':
      return domainOf(n.envelope) === domainOf(me.envelope);
    case 'login':
      return n.envelope.toLowerCase() === me.envelope.toLowerCase();
  }
}

/** The sentence that says what the policy allows, for the error a refused address gets. */
function policySentence(policy: IdentityAddressPolicy, login: string): string {
  if (policy === 'login') return `This server lets you send only as ${login}.`;
  return `This server lets you send only from addresses ending in @${login.slice(login.lastIndexOf('@') + 1)}.`;
}

/** Throws VALIDATION_FAILED naming `field` unless the policy allows `address` for this login. */
export function requireAllowed(policy: IdentityAddressPolicy, login: string, address: string, field: string): void {
  if (!addressAllowed(policy, login, address)) throw new AppError('VALIDATION_FAILED', policySentence(policy, login), { field });
}

/**
 * Checks a create/update body (already parsed by identityInputSchema):
 * the address must be valid and allowed, a Reply-To valid. Each failure
 * names its field. Addresses are stored normalised (domain in lower-case
 * Unicode, RFC 5890), as compose writes them into headers.
 */
export function checkIdentityInput(
  input: { name: string; address: string; replyTo: string | null; signature: Signature },
  login: string,
  policy: IdentityAddressPolicy,
): CheckedIdentity {
  const address = normaliseAddress(input.address);
  if (!address) throw new AppError('VALIDATION_FAILED', `${JSON.stringify(input.address)} is not a valid email address.`, { field: 'address' });
  requireAllowed(policy, login, address.address, 'address');
  let replyTo: string | null = null;
  if (input.replyTo !== null) {
    const r = normaliseAddress(input.replyTo);
    if (!r) throw new AppError('VALIDATION_FAILED', `${JSON.stringify(input.replyTo)} is not a valid email address.`, { field: 'replyTo' });
    replyTo = r.address;
  }
  return { name: input.name, address: address.address, replyTo, signature: input.signature };
}
