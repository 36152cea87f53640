import { useId, useState, type FormEvent } from 'react';
import { loginRequestSchema } from '../../../shared/api.js';
import { describeError } from '../errors.js';
import { FormError, LabelledInput } from './forms.js';
import { useLoginMutation } from '../state/queries/session.js';
import { useTranslation } from 'react-i18next';

interface Props {
  /** Why the person is here again (session ended), if they were signed in before. */
  notice: string | null;
  onSignedIn: () => void;
}

export function LoginForm({ notice, onSignedIn }: Props) {
  const { t } = useTranslation('login');
  const id = useId();
  const login = useLoginMutation();
  const [address, setAddress] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (login.isPending) return;
    // Our own check instead of the browser's bubbles, so every problem is a sentence on the page.
    const parsed = loginRequestSchema.safeParse({ address, password });
    if (!parsed.success) {
      const field = parsed.error.issues[0]?.path[0];
      setProblem(field === 'password' ? t('enterPassword') : t('enterAddress'));
      return;
    }
    setProblem(null);
    login.mutate(parsed.data, {
      onSuccess: onSignedIn,
      onError: (err) => {
        setProblem(describeError(err));
        setPassword('');
      },
    });
  };

  const message = problem ?? notice;
  return (
    <main className="login">
      <form className="login-form" onSubmit={onSubmit} noValidate aria-busy={login.isPending} aria-labelledby={`${id}-title`}>
        <h1 id={`${id}-title`}>{t('title')}</h1>
        <FormError message={message} />
        <LabelledInput
          label={t('address')}
          name="address"
          type="email"
          autoComplete="username"
          autoCapitalize="off"
          spellCheck={false}
          required
          autoFocus
          value={address}
          onChange={(e) => setAddress(e.target.value)}
        />
        <LabelledInput
          label={t('password')}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <button type="submit" className="primary" disabled={login.isPending}>
          {t('signIn')}
        </button>
        <p className="form-status" role="status">
          {login.isPending ? t('signingIn') : ''}
        </p>
      </form>
    </main>
  );
}
