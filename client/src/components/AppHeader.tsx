import { useLogoutMutation } from '../state/queries/session.js';
import { NotificationToggle } from './PushStatus.js';
import { formatRoute } from '../state/route.js';

export function AppHeader({ address, onCompose }: { address: string; onCompose: () => void }) {
  const logout = useLogoutMutation();
  return (
    <header className="app-header">
      <span className="app-name">Webmail</span>
      <button type="button" className="primary" title="New message (C)" aria-keyshortcuts="C" onClick={onCompose}>
        New message
      </button>
      <NotificationToggle />
      <span className="app-user" title={address}>
        {address}
      </span>
      <a className="button" href={formatRoute({ mailbox: null, uid: null, settings: '' })}>
        Settings
      </a>
      <button type="button" onClick={() => logout.mutate()} disabled={logout.isPending}>
        Sign out
      </button>
    </header>
  );
}
