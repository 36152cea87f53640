import { useState } from 'react';
import { i18n } from '../i18n/index.js';

/** The on/off choice is a preference, not a secret: localStorage is fine. */
const KEY = 'webmail.notifications';

const supported = () => typeof window !== 'undefined' && 'Notification' in window;

export function notificationsWanted(): boolean {
  return supported() && Notification.permission === 'granted' && localStorage.getItem(KEY) !== 'off';
}

/** A desktop notification for new INBOX mail, only when asked for and the tab is not in front. */
export function notifyNewMail(count: number): void {
  if (!notificationsWanted() || document.visibilityState === 'visible') return;
  try {
    new Notification(i18n.t('notify.newMail', { ns: 'mail', count }), { tag: 'webmail-new-mail' });
  } catch {
    // some browsers allow notifications only from a service worker; nothing to do then
  }
}

export type NotificationSetting = 'unsupported' | 'ask' | 'on' | 'off' | 'blocked';

/** The setting and its two actions; permission is asked only when the person clicks. */
export function useNotificationSetting(): [NotificationSetting, { enable: () => void; disable: () => void }] {
  const read = (): NotificationSetting => {
    if (!supported()) return 'unsupported';
    if (Notification.permission === 'denied') return 'blocked';
    if (Notification.permission === 'default') return 'ask';
    return localStorage.getItem(KEY) === 'off' ? 'off' : 'on';
  };
  const [setting, setSetting] = useState(read);
  return [
    setting,
    {
      enable: () => {
        localStorage.setItem(KEY, 'on');
        if (supported() && Notification.permission === 'default') void Notification.requestPermission().then(() => setSetting(read()));
        else setSetting(read());
      },
      disable: () => {
        localStorage.setItem(KEY, 'off');
        setSetting(read());
      },
    },
  ];
}
