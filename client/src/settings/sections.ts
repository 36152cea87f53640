import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/**
 * The sections of the settings screen (`#/settings/<id>`), in menu order.
 * Each feature adds one entry; its panel loads only when opened. `label` is
 * a key in the `settings` namespace (client/src/i18n/locales/<lang>/settings.json),
 * or `<namespace>:<key>` for a feature that keeps its words in its own file.
 */
export interface SettingsSection {
  id: string;
  label: string;
  Panel: LazyExoticComponent<ComponentType>;
}

export const SETTINGS_SECTIONS: SettingsSection[] = [
  { id: 'general', label: 'sections.general', Panel: lazy(async () => ({ default: (await import('./GeneralPanel.js')).GeneralPanel })) },
  { id: 'contacts', label: 'contacts:section', Panel: lazy(async () => ({ default: (await import('../contacts/ContactsPanel.js')).ContactsPanel })) },
  // A key of the identities namespace (its own file, so parallel features do not share one).
  { id: 'identities', label: 'identities:section', Panel: lazy(async () => ({ default: (await import('./IdentitiesPanel.js')).IdentitiesPanel })) },
  // The label lives in the folders namespace ("ns:key"), so this feature needs no key in settings.json.
  { id: 'folders', label: 'folders:manager.title', Panel: lazy(async () => ({ default: (await import('../components/folders/FolderManager.js')).FolderManager })) },
  // The label lives in the feature's own namespace ("ns:key"), so settings.json stays untouched.
  { id: 'filters', label: 'filters:title', Panel: lazy(async () => ({ default: (await import('./filters/FiltersPanel.js')).FiltersPanel })) },
];
