import { i18n } from '../i18n/index.js';

/**
 * An action's words in the current language. The records are plain objects
 * outside React, so they hold a function that reads the translation each time
 * a label is shown, never a string fixed at import time.
 */
export function actionText(key: string): string {
  return i18n.t(key, { ns: 'actions' });
}
