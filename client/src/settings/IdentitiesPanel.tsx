import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Identity, IdentityAddressPolicy } from '../../../shared/identities.js';
import { ErrorPanel } from '../components/ErrorPanel.js';
import { identityLabel } from '../compose/identity.js';
import { describeError } from '../errors.js';
import { useDefaultIdentityMutation, useDeleteIdentityMutation, useIdentitiesQuery } from '../state/queries/identities.js';
import { useSessionQuery } from '../state/queries/session.js';
import { IdentityForm } from './IdentityForm.js';

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** What the admin's WEBMAIL_IDENTITY_ADDRESSES allows, said before the user types an address. */
export function usePolicySentence(policy: IdentityAddressPolicy, account: string): string {
  const { t } = useTranslation('identities');
  return t(`policy.${policy}`, { address: account, domain: account.slice(account.lastIndexOf('@') + 1) });
}

/**
 * Settings › Identities (issue 7 part 2): the list, with the default marked;
 * add, edit, delete (asked once more inline), make default. The login
 * identity cannot be deleted while it is the only one with that address.
 */
export function IdentitiesPanel() {
  const { t } = useTranslation('identities');
  const query = useIdentitiesQuery();
  const account = useSessionQuery().data?.user.address ?? '';
  const [editing, setEditing] = useState<Identity | 'new' | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const remove = useDeleteIdentityMutation();
  const makeDefault = useDefaultIdentityMutation();
  const policyText = usePolicySentence(query.data?.policy ?? 'domain', account);

  if (query.isPending) return <p role="status">{t('status.loading')}</p>;
  if (query.isError) return <ErrorPanel title={t('errors.load')} error={query.error} onRetry={() => void query.refetch()} />;
  const { identities, policy } = query.data;
  const logins = identities.filter((i) => same(i.address, account));
  const lockedLogin = (i: Identity) => logins.length === 1 && logins[0]!.id === i.id;
  const failure = remove.error ?? makeDefault.error;

  return (
    <div className="identities">
      <h2 className="settings-heading">{t('section')}</h2>
      <p>{t('intro')}</p>
      <p className="identities-policy">{policyText}</p>
      <ul className="identity-list" aria-label={t('list.label')}>
        {identities.map((i) => {
          const label = identityLabel(i);
          return (
            <li key={i.id} aria-label={label} className={i.isDefault ? 'is-default' : undefined}>
              <div className="identity-summary">
                <span className="identity-label">{label}</span>
                {i.isDefault && <span className="identity-badge">{t('list.default')}</span>}
                {i.replyTo && <span className="identity-detail">{t('list.replyTo', { address: i.replyTo })}</span>}
                {i.signature.body.trim() && <span className="identity-detail">{t('list.signature')}</span>}
              </div>
              <div className="identity-actions">
                <button type="button" aria-label={t('actions.editLabel', { identity: label })} onClick={() => setEditing(i)}>
                  {t('actions.edit')}
                </button>
                {!i.isDefault && (
                  <button type="button" aria-label={t('actions.makeDefaultLabel', { identity: label })} disabled={makeDefault.isPending} onClick={() => makeDefault.mutate(i.id)}>
                    {t('actions.makeDefault')}
                  </button>
                )}
                {!lockedLogin(i) && (
                  <button type="button" aria-label={t('actions.deleteLabel', { identity: label })} onClick={() => setConfirming(i.id)}>
                    {t('actions.delete')}
                  </button>
                )}
              </div>
              {confirming === i.id && (
                <div className="identity-confirm" role="group" aria-label={t('actions.deleteLabel', { identity: label })}>
                  <span>{t('actions.confirmDelete', { identity: label })}</span>
                  <button
                    type="button"
                    className="danger"
                    disabled={remove.isPending}
                    onClick={() => remove.mutate(i.id, { onSettled: () => setConfirming(null) })}
                  >
                    {t('actions.confirm')}
                  </button>
                  <button type="button" onClick={() => setConfirming(null)}>
                    {t('actions.keep')}
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {failure && (
        <p className="form-error" role="alert">
          {failure && 'field' in failure && failure.field === 'id' ? t('errors.loginLocked') : describeError(failure)}
        </p>
      )}
      {editing ? (
        <IdentityForm
          key={editing === 'new' ? 'new' : editing.id}
          identity={editing === 'new' ? null : editing}
          policy={policy}
          policyText={policyText}
          account={account}
          addressLocked={editing !== 'new' && lockedLogin(editing)}
          onDone={() => setEditing(null)}
        />
      ) : (
        <button type="button" className="primary" onClick={() => setEditing('new')}>
          {t('actions.add')}
        </button>
      )}
    </div>
  );
}
