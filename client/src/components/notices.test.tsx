// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessageActionRequest } from '../../../shared/api.js';
import { setLanguage } from '../i18n/index.js';
import { replayQueue } from '../offline/replay.js';
import { offlineStatus } from '../offline/status.js';
import { memoryBackend, OfflineStore } from '../offline/store.js';
import { createWiper } from '../offline/wipe.js';
import { OfflineNotice } from './OfflineNotice.js';
import { WipeNotice } from './WipeNotice.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const A = 'ann@example.test';
const err = (code: string) => Object.assign(new Error(code), { code });
let root: Root;
let host: HTMLElement;

async function render(node: React.ReactNode) {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  await act(async () => root.render(<QueryClientProvider client={qc}>{node}</QueryClientProvider>));
}
const button = (name: string) => [...host.querySelectorAll('button')].find((b) => b.textContent === name);
const click = async (name: string) => {
  const b = button(name);
  if (!b) throw new Error(`no button “${name}” in: ${host.textContent}`);
  await act(async () => b.click());
};

beforeEach(async () => {
  await setLanguage('en');
  host = document.body.appendChild(document.createElement('div'));
  root = createRoot(host);
  offlineStatus.reset();
});
afterEach(async () => {
  await act(async () => root.unmount());
  host.remove();
});

describe('a sign-out wipe that fails', () => {
  function failingWiper() {
    let failing = true;
    const erased: string[] = [];
    const wiper = createWiper({
      erase: async (job) => {
        if (failing) throw new DOMException('refused', 'UnknownError');
        erased.push(job.account);
      },
      journal: (() => {
        let jobs: Array<{ account: string; keepQueue: boolean }> = [];
        return { read: () => jobs, write: (next) => void (jobs = next) };
      })(),
      pauses: [],
    });
    return { wiper, erased, heal: () => void (failing = false) };
  }

  it('is said to the person as an alert, in English and in French, and "Try again" erases the mail', async () => {
    const { wiper, erased, heal } = failingWiper();
    await render(<WipeNotice wiper={wiper} />);
    expect(host.querySelector('[role="alert"]')).toBeNull();

    await act(async () => void (await wiper.wipe({ account: A, keepQueue: false })));
    expect(host.querySelector('[role="alert"]')?.textContent).toContain('The mail saved on this device for offline reading could not be erased.');

    await act(async () => void (await setLanguage('fr')));
    expect(host.querySelector('[role="alert"]')?.textContent).toContain('n’a pas pu être effacé');
    await act(async () => void (await setLanguage('en')));

    await click('Try again'); // still failing: the alert stays
    expect(host.querySelector('[role="alert"]')).not.toBeNull();
    heal();
    await click('Try again');
    expect(erased).toEqual([A]);
    expect(host.querySelector('[role="alert"]')).toBeNull();
  });
});

describe('changes made offline that did not go through', () => {
  const move: MessageActionRequest = { mailbox: 'INBOX', uids: [3], action: 'move', target: 'Archive' };
  const flag: MessageActionRequest = { mailbox: 'INBOX', uids: [1, 2], action: 'flag' };

  it('say which change was refused and why; "Try again" queues it again, "Dismiss" clears the list', async () => {
    const store = new OfflineStore(memoryBackend());
    await store.enqueue(A, move);
    const result = await replayQueue(store, A, async () => {
      throw err('MAILBOX_NOT_FOUND');
    });
    result.refused.forEach((r) => offlineStatus.refused(A, r.request, r.sentence));
    await render(<OfflineNotice account={A} store={store} />);

    const alert = host.querySelector('.offline-refused[role="alert"]');
    expect(alert?.textContent).toContain('“Move” on a message made while offline was not applied: This folder no longer exists.');
    await click('Try again');
    expect((await store.queued(A)).map((q) => q.request)).toEqual([move]);
    expect(host.querySelector('.offline-refused')).toBeNull();

    await act(async () => {
      offlineStatus.refused(A, move, 'one');
      offlineStatus.refused(A, flag, 'two');
    });
    expect(host.querySelectorAll('.offline-refused li')).toHaveLength(2);
    await click('Dismiss');
    expect(host.querySelector('.offline-refused')).toBeNull();
  });

  it('say why the queue is stuck (a transient failure) next to what waits, with "Try now"', async () => {
    const store = new OfflineStore(memoryBackend());
    await store.enqueue(A, flag);
    const result = await replayQueue(store, A, async () => {
      throw err('IMAP_UNAVAILABLE');
    });
    offlineStatus.setStalled(result.stalled?.sentence ?? null);
    offlineStatus.setQueued(result.remaining);
    await render(<OfflineNotice account={A} store={store} />);

    const status = host.querySelector('.offline-notice[role="status"]');
    expect(status?.textContent).toContain('1 change will be sent when the connection returns.');
    expect(status?.textContent).toContain('“Flag” on 2 messages could not be sent yet: ');
    expect(button('Try now')).toBeDefined();

    // Once nothing waits, the reason goes with the count.
    await act(async () => offlineStatus.setQueued(0));
    expect(host.querySelector('.offline-notice')).toBeNull();
    expect(offlineStatus.get().stalled).toBeNull();
  });
});
