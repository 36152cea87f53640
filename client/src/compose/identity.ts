import type { ComposeMode, Draft } from '../../../shared/compose.js';
import { defaultIdentity, type Identity } from '../../../shared/identities.js';
import { applyHtmlSignature, applyTextSignature, signatureBlockId, textBlock } from './signature.js';

/** "Name <address>", or the bare address: how an identity is shown in lists and the From select. */
export function identityLabel(identity: Pick<Identity, 'name' | 'address'>): string {
  return identity.name ? `${identity.name} <${identity.address}>` : identity.address;
}

const sameAddress = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The identity a compose window starts with: a new message takes the
 * default; a reply or forward the one the server chose (the identity the
 * original was sent to); a reopened draft its own, or, for a draft from
 * before identities, the one with its From address.
 */
export function startingIdentity(draft: Draft, identities: readonly Identity[], fresh: boolean): Identity | null {
  if (fresh) return defaultIdentity(identities);
  return (
    identities.find((i) => i.id === draft.identityId) ??
    (draft.identityId ? null : identities.find((i) => sameAddress(i.address, draft.from.address))) ??
    defaultIdentity(identities)
  );
}

/** Modes whose body is new (the signature goes in); a draft or "edit as new" already has the one it had. */
export function takesSignature(mode: ComposeMode): boolean {
  return mode !== 'draft' && mode !== 'editAsNew';
}

/**
 * The draft as the window opens it: sent as `identity`, and, when the body
 * is new, with its signature. The HTML is still unsanitised here: the
 * window's one DOMPurify pass runs over all of it afterwards.
 */
export function openWithIdentity(draft: Draft, identity: Identity | null, withSignature: boolean): Draft {
  if (!identity) return draft;
  const opened: Draft = { ...draft, identityId: identity.id, from: { name: identity.name, address: identity.address } };
  if (!withSignature) return opened;
  if (opened.format === 'html') return { ...opened, html: applyHtmlSignature(opened.html ?? '', signatureBlockId(draft.draftId), identity.signature) };
  return { ...opened, text: applyTextSignature(opened.text, '', textBlock(identity.signature)) };
}
