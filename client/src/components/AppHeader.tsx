import { useLogoutMutation } from '../state/queries/session.js';

export function AppHeader({ address }: { address: string }) {
  const logout = useLogoutMutation();
  return (
    <header className="app-header">
      <span className="app-name">Webmail</span>
      <span className="app-user" title={address}>
        {address}
      </span>
      <button type="button" onClick={() => logout.mutate()} disabled={logout.isPending}>
        Sign out
      </button>
    </header>
  );
}
