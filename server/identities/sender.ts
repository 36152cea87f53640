import type { Draft } from '../../shared/compose.js';
import { defaultIdentity, type Identity, type IdentityAddressPolicy } from '../../shared/identities.js';
import { sameAddress } from '../mime/addresses.js';
import { AppError } from '../errors.js';
import { requireAllowed } from './policy.js';
import type { IdentitiesStore } from '../store/identities.js';

/**
 * Which identity a draft sends as, decided on the server from the user's own
 * identities: the client's `from` is never written into a message as given.
 */
export class SenderIdentities {
  constructor(
    private readonly store: IdentitiesStore,
    private readonly policy: IdentityAddressPolicy,
  ) {}

  /** The user's identities, the login one included. */
  list(owner: string): Identity[] {
    return this.store.list(owner);
  }

  /**
   * For sending: the draft's identity, which must be the user's own
   * (IDENTITY_NOT_FOUND otherwise, whoever else it belongs to) and still
   * allowed by the policy (the admin may have tightened it since it was
   * saved). A draft without an identity id (saved before identities) sends
   * as the user's identity with its From address, or is refused.
   */
  forSending(owner: string, draft: Pick<Draft, 'identityId' | 'from'>): Identity {
    const id = draft.identityId ?? null;
    let identity: Identity | null;
    if (id !== null) {
      identity = this.store.get(owner, id);
      if (!identity) throw new AppError('IDENTITY_NOT_FOUND', 'That identity is not one of yours.', { field: 'identityId' });
    } else {
      identity = this.byAddress(owner, draft.from.address);
      if (!identity) throw new AppError('VALIDATION_FAILED', 'The sender must be one of your identities.', { field: 'from.address' });
    }
    requireAllowed(this.policy, owner, identity.address, id !== null ? 'identityId' : 'from.address');
    return identity;
  }

  /**
   * For saving a draft, which must never fail for want of an identity (the
   * text would be lost): an unknown id, a deleted identity or a stranger's,
   * falls back to the default, so nothing of another user's is ever written.
   * Sending the draft then says IDENTITY_NOT_FOUND and the user picks another.
   */
  forDraft(owner: string, draft: Pick<Draft, 'identityId' | 'from'>): Identity {
    const id = draft.identityId ?? null;
    const own = id !== null ? this.store.get(owner, id) : this.byAddress(owner, draft.from.address);
    return own ?? defaultIdentity(this.store.list(owner))!;
  }

  private byAddress(owner: string, address: string): Identity | null {
    const matches = this.store.list(owner).filter((i) => sameAddress(i.address, address));
    return matches.find((i) => i.isDefault) ?? matches[0] ?? null;
  }
}
