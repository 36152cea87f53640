import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/**
 * The sections of the settings screen (`#/settings/<id>`), in menu order.
 * Each feature adds one entry; its panel loads only when opened. `label` is
 * a key in the `settings` namespace (client/src/i18n/locales/<lang>/settings.json).
 */
export interface SettingsSection {
  id: string;
  label: string;
  Panel: LazyExoticComponent<ComponentType>;
}

export const SETTINGS_SECTIONS: SettingsSection[] = [
  { id: 'general', label: 'sections.general', Panel: lazy(async () => ({ default: (await import('./GeneralPanel.js')).GeneralPanel })) },
  // The label lives in the feature's own namespace ("ns:key"), so settings.json stays untouched.
  { id: 'filters', label: 'filters:title', Panel: lazy(async () => ({ default: (await import('./filters/FiltersPanel.js')).FiltersPanel })) },
];
