import { useMemo } from 'react';
import type { Mailbox } from '../../../shared/mail.js';
import { buildMailboxTree, type MailboxNode } from '../mail/mailboxTree.js';
import { formatRoute } from '../state/route.js';
import type { Draft } from '../../../shared/compose.js';
import { ScheduledList } from './compose/ScheduledList.js';
import { ErrorPanel } from './ErrorPanel.js';

interface Props {
  mailboxes: Mailbox[] | undefined;
  error: unknown;
  onRetry: () => void;
  current: string | null;
  onPick: () => void;
  /** Reopens a message taken back from the server's outbox. */
  onReopenDraft: (draft: Draft) => void;
}

/** The folder tree; folders are links to their route so they work like links (new tab, back). */
export function MailboxPane({ mailboxes, error, onRetry, current, onPick, onReopenDraft }: Props) {
  const tree = useMemo(() => (mailboxes ? buildMailboxTree(mailboxes) : []), [mailboxes]);
  return (
    <nav className="pane pane-mailboxes" aria-label="Mailboxes">
      <h2 className="pane-title">Folders</h2>
      {error != null && !mailboxes ? (
        <ErrorPanel title="Couldn't load your folders" error={error} onRetry={onRetry} />
      ) : !mailboxes ? (
        <ul className="mailbox-list" aria-busy="true">
          {[1, 2, 3, 4, 5].map((i) => (
            <li key={i} className="skeleton mailbox-skeleton" />
          ))}
        </ul>
      ) : (
        <MailboxItems nodes={tree} current={current} onPick={onPick} />
      )}
      <ScheduledList onReopen={onReopenDraft} />
    </nav>
  );
}

function MailboxItems({ nodes, current, onPick }: { nodes: MailboxNode[]; current: string | null; onPick: () => void }) {
  return (
    <ul className="mailbox-list">
      {nodes.map((node) => {
        const m = node.mailbox;
        return (
          <li key={m.path}>
            {m.selectable ? (
              <a
                className="mailbox-link"
                href={formatRoute({ mailbox: m.path, uid: null })}
                aria-current={m.path === current ? 'page' : undefined}
                data-special-use={m.specialUse ?? undefined}
                title={m.path}
                onClick={onPick}
              >
                <span className="mailbox-name">{node.label}</span>
                {m.unread > 0 && (
                  <>
                    <span className="mailbox-unread" aria-hidden="true">
                      {m.unread}
                    </span>
                    <span className="visually-hidden">, {m.unread} unread</span>
                  </>
                )}
              </a>
            ) : (
              <span className="mailbox-group">{node.label}</span>
            )}
            {node.children.length > 0 && <MailboxItems nodes={node.children} current={current} onPick={onPick} />}
          </li>
        );
      })}
    </ul>
  );
}
