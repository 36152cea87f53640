import { useId, useMemo, useState, type Dispatch, type SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import type { Draft } from '../../../../shared/compose.js';
import type { Identity } from '../../../../shared/identities.js';
import type { FormState } from '../../compose/draftForm.js';
import { identityLabel } from '../../compose/identity.js';
import { replaceSignature, signatureBlockId } from '../../compose/signature.js';
import { useIdentitiesQuery } from '../../state/queries/identities.js';

const NONE: Identity[] = [];

/**
 * The sender of the message being written: which identity, and the draft
 * base (From, identityId) that follows it. Choosing another identity swaps
 * the signature in the body (replacing the previous one, never stacking)
 * and remounts the editor on the new HTML. The server decides the real From
 * from the id; `from` here is only what the draft shows.
 */
export function useSender(initial: Draft, setForm: Dispatch<SetStateAction<FormState>>, remountEditor: () => void) {
  const identities = useIdentitiesQuery().data?.identities ?? NONE;
  const [identityId, setIdentityId] = useState<string | null>(initial.identityId ?? null);
  const identity = identities.find((i) => i.id === identityId) ?? null;
  const name = identity?.name ?? initial.from.name;
  const address = identity?.address ?? initial.from.address;
  const base = useMemo<Draft>(() => ({ ...initial, identityId, from: { name, address } }), [initial, identityId, name, address]);

  const choose = (id: string) => {
    const next = identities.find((i) => i.id === id);
    if (!next || id === identityId) return;
    setForm((f) => replaceSignature(f, signatureBlockId(initial.draftId), identity?.signature ?? null, next.signature));
    setIdentityId(id);
    remountEditor();
  };

  return { identities, identityId, base, choose };
}

/** The From field, shown when there is more than one identity to choose from. */
export function FromSelect({ identities, value, onChange }: { identities: Identity[]; value: string | null; onChange: (id: string) => void }) {
  const { t } = useTranslation('identities');
  const id = useId();
  return (
    <div className="recipient-field compose-from-select">
      <label htmlFor={id} className="field-label">
        {t('compose.from')}
      </label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value)}>
        {value === null && <option value="">{t('compose.choose')}</option>}
        {identities.map((i) => (
          <option key={i.id} value={i.id}>
            {identityLabel(i)}
          </option>
        ))}
      </select>
    </div>
  );
}
