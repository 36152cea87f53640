import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EMPTY_SIGNATURE, type Identity, type IdentityAddressPolicy, type Signature } from '../../../shared/identities.js';
import { ApiRequestError } from '../api/http.js';
import { BodyEditor } from '../components/compose/BodyEditor.js';
import { textToHtml } from '../compose/html.js';
import { signatureHtml, signatureText } from '../compose/signature.js';
import { FormActions, FormError, LabelledInput } from '../components/forms.js';
import { describeError } from '../errors.js';
import { useSaveIdentityMutation } from '../state/queries/identities.js';

interface Props {
  /** null: a new identity. */
  identity: Identity | null;
  policy: IdentityAddressPolicy;
  policyText: string;
  account: string;
  /** The last identity with the sign-in address keeps that address. */
  addressLocked: boolean;
  onDone: () => void;
}

/** The fields a refusal names, mapped to a sentence people understand (the server's message is for developers). */
const FIELD_ERRORS: Record<string, string> = {
  address: 'errors.address',
  replyTo: 'errors.replyTo',
  name: 'errors.name',
  'signature.body': 'errors.signature',
  id: 'errors.loginLocked',
};

/** The signature in the other format, so switching loses nothing the other format can say. */
function convert(signature: Signature, format: Signature['format']): Signature {
  if (signature.format === format) return signature;
  return format === 'html' ? { format, body: signature.body ? textToHtml(signature.body) : '' } : { format, body: signatureText(signature) };
}

/**
 * Adds or edits one identity: name, address (fixed to the sign-in address
 * when the policy or the login identity require it), Reply-To, and a
 * signature in plain text (a text area) or formatted (the compose editor,
 * fed the stored HTML through the reader's sanitiser first).
 */
export function IdentityForm({ identity, policy, policyText, account, addressLocked, onDone }: Props) {
  const { t } = useTranslation('identities');
  const id = useId();
  const save = useSaveIdentityMutation();
  const fixedAddress = addressLocked || policy === 'login';
  const [name, setName] = useState(identity?.name ?? '');
  const [address, setAddress] = useState(identity?.address ?? (policy === 'login' ? account : ''));
  const [replyTo, setReplyTo] = useState(identity?.replyTo ?? '');
  const [signature, setSignature] = useState<Signature>(identity?.signature ?? { ...EMPTY_SIGNATURE, format: 'html' });
  // The editor starts from the sanitised stored HTML; afterwards it reports what it holds.
  const [editorStart, setEditorStart] = useState(() => signatureHtml(signature.format === 'html' ? signature : null) || '<p></p>');

  const problem = (() => {
    const err = save.error;
    if (!err) return null;
    const key = err instanceof ApiRequestError && err.code === 'VALIDATION_FAILED' && err.field ? FIELD_ERRORS[err.field] : undefined;
    if (key === 'errors.address') return `${t(key)} ${policyText}`;
    return key ? t(key) : describeError(err);
  })();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    // An editor left with an empty line is no signature at all.
    const kept = signatureHtml(signature) === '' ? { ...signature, body: '' } : signature;
    save.mutate(
      { id: identity?.id ?? null, input: { name, address: fixedAddress ? (identity?.address ?? account) : address, replyTo: replyTo || null, signature: kept } },
      { onSuccess: onDone },
    );
  };

  const switchFormat = (format: Signature['format']) => {
    const next = convert(signature, format);
    if (format === 'html') setEditorStart(signatureHtml(next) || '<p></p>');
    setSignature(next);
  };

  return (
    <form className="identity-form" aria-label={identity ? t('form.titleEdit') : t('form.titleNew')} onSubmit={submit}>
      <h3>{identity ? t('form.titleEdit') : t('form.titleNew')}</h3>
      <LabelledInput label={t('form.name')} value={name} maxLength={200} placeholder={t('form.namePlaceholder')} onChange={(e) => setName(e.target.value)} />
      <LabelledInput
        label={t('form.address')}
        note={addressLocked ? t('form.loginLocked') : policyText}
        type="email"
        value={fixedAddress ? (identity?.address ?? account) : address}
        readOnly={fixedAddress}
        required
        maxLength={320}
        onChange={(e) => setAddress(e.target.value)}
      />
      <LabelledInput label={t('form.replyTo')} type="email" value={replyTo} maxLength={320} onChange={(e) => setReplyTo(e.target.value)} />
      <fieldset className="signature-field">
        <legend>{t('form.signature')}</legend>
        <div role="radiogroup" aria-label={t('form.signatureFormat')} className="signature-format">
          {(['html', 'text'] as const).map((f) => (
            <label key={f}>
              <input type="radio" name={`${id}-format`} checked={signature.format === f} onChange={() => switchFormat(f)} />
              {f === 'html' ? t('form.formatHtml') : t('form.formatText')}
            </label>
          ))}
        </div>
        {signature.format === 'html' ? (
          <BodyEditor
            key={editorStart}
            initialHtml={editorStart}
            label={t('form.signature')}
            placeholder={t('form.signaturePlaceholder')}
            onChange={(html) => setSignature({ format: 'html', body: html })}
          />
        ) : (
          <textarea
            className="text-editor signature-text"
            aria-label={t('form.signature')}
            placeholder={t('form.signaturePlaceholder')}
            value={signature.body}
            rows={5}
            onChange={(e) => setSignature({ format: 'text', body: e.target.value })}
          />
        )}
      </fieldset>
      <FormError message={problem} />
      <FormActions className="identity-form-actions" pending={save.isPending} submit={t('actions.save')}>
        <button type="button" onClick={onDone}>
          {t('actions.cancel')}
        </button>
      </FormActions>
    </form>
  );
}
