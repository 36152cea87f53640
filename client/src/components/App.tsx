import { useSessionLossNotice, useSessionQuery } from '../state/queries/session.js';
import { ErrorPanel } from './ErrorPanel.js';
import { LoginForm } from './LoginForm.js';
import { MailApp } from './MailApp.js';
import { WipeNotice } from './WipeNotice.js';
import { useTranslation } from 'react-i18next';

/** Shows the login form or the mail app, depending on whether a session exists. */
export function App() {
  const { t } = useTranslation();
  const session = useSessionQuery();
  const [notice, setNotice] = useSessionLossNotice();

  if (session.isPending) {
    return (
      <div className="splash" role="status">
        {t('loading')}
      </div>
    );
  }
  if (session.isError) {
    return (
      <main className="splash">
        <ErrorPanel title={t('unreachable')} error={session.error} onRetry={() => void session.refetch()} />
      </main>
    );
  }
  return (
    <>
      <WipeNotice />
      {session.data ? <MailApp session={session.data} /> : <LoginForm notice={notice} onSignedIn={() => setNotice(null)} />}
    </>
  );
}
