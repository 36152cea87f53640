import { useEffect, useMemo, useState } from 'react';
import { useIsMutating } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DATE_FORMATS, QUOTE_STYLES, REMOTE_CONTENT_POLICIES, THEMES, type Settings, type SettingsPatch } from '../../../shared/settings.js';
import { describeError } from '../errors.js';
import { detectLanguage } from '../i18n/index.js';
import { formatFullDate } from '../mail/format.js';
import { SETTINGS_MUTATION_KEY, useSettingsMutation, useSettingsQuery } from '../state/queries/settings.js';
import { dateLocale } from './dateStyle.js';
import { CheckboxField, RadioGroup, SelectField, SettingsGroup, withCurrent, type Choice } from './fields.js';
import { openShortcutHelp } from './helpState.js';

const PAGE_SIZES = [10, 20, 25, 50, 100, 150, 200];
const UNDO_SECONDS = [0, 5, 10, 20, 30, 60, 120];
const AUTOSAVE_SECONDS = [2, 3, 5, 10, 30, 60, 300];

/** Every IANA zone this browser knows (Intl.supportedValuesOf, ECMA-402 ed. 9), or none on an old one. */
function timeZones(): string[] {
  return typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
}

/** General preferences (issue 7 part 3): every change is saved at once, per user, on the server. */
export function GeneralPanel() {
  const { t, i18n } = useTranslation('settings');
  const query = useSettingsQuery();
  const mutation = useSettingsMutation();
  const zones = useMemo(timeZones, []);
  // Shown at once, in the click's own render: the cache's optimistic copy lands a tick later,
  // and a controlled radio or checkbox would snap back in between.
  const [pending, setPending] = useState<SettingsPatch>({});
  // Once every save has settled, the cache speaks: the server's answers, or what was there before a refusal.
  const saving = useIsMutating({ mutationKey: SETTINGS_MUTATION_KEY });
  useEffect(() => {
    if (saving === 0) setPending({});
  }, [saving]);

  // Not the device's copy shown while loading: a change must start from what the server holds.
  if (!query.data || query.isPlaceholderData) {
    if (query.isError) {
      return (
        <div className="error-panel" role="alert">
          <p className="error-title">{t('general.loadFailed')}</p>
          <p>{describeError(query.error)}</p>
          <button type="button" onClick={() => void query.refetch()}>
            {t('general.retry')}
          </button>
        </div>
      );
    }
    return <p role="status">{t('loading')}</p>;
  }
  const s: Settings = { ...query.data, ...pending };
  const save = (patch: SettingsPatch) => {
    setPending((p) => ({ ...p, ...patch }));
    mutation.mutate(patch);
  };
  const seconds = (n: number) => t('general.seconds', { count: n });
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const sample = new Date().toISOString();
  const example = (dateFormat: Settings['dateFormat']) =>
    formatFullDate(sample, { dateFormat, timeZone: s.timeZone, locale: dateLocale(i18n.language, navigator.languages) });

  const pageSizes = withCurrent(PAGE_SIZES.map((n) => ({ value: n, label: String(n) })), s.pageSize, String);
  const undo = withCurrent(UNDO_SECONDS.map((n) => ({ value: n, label: n === 0 ? t('general.composing.undoOff') : seconds(n) })), s.undoSendSeconds, seconds);
  const autosave = withCurrent(AUTOSAVE_SECONDS.map((n) => ({ value: n, label: seconds(n) })), s.autosaveSeconds, seconds);
  const zoneChoices: Choice<string>[] = withCurrent(
    [{ value: '', label: t('general.appearance.timeZoneAuto', { zone: browserZone }) }, ...zones.map((z) => ({ value: z, label: z.replaceAll('_', ' ') }))],
    s.timeZone,
    (z) => z,
  );
  const languages: Choice<Settings['language']>[] = [
    { value: '', label: t('general.appearance.languageAuto', { name: t(`general.appearance.languageNames.${detectLanguage()}`) }) },
    { value: 'en', label: t('general.appearance.languageNames.en') },
    { value: 'fr', label: t('general.appearance.languageNames.fr') },
  ];

  return (
    <div className="settings-general">
      <h2 className="settings-heading">{t('sections.general')}</h2>
      <p className="settings-status" role="status" aria-live="polite">
        {mutation.isPending ? t('general.saving') : mutation.isError ? t('general.notSaved', { reason: describeError(mutation.error) }) : mutation.isSuccess ? t('general.saved') : ''}
      </p>

      <SettingsGroup title={t('general.reading.title')}>
        <SelectField label={t('general.reading.pageSize')} help={t('general.reading.pageSizeHelp')} value={s.pageSize} choices={pageSizes} onChange={(pageSize) => save({ pageSize })} />
        <CheckboxField label={t('general.reading.conversationView')} checked={s.conversationView} onChange={(conversationView) => save({ conversationView })} />
        <RadioGroup
          legend={t('general.reading.preferHtml')}
          value={s.preferHtml ? 'html' : 'text'}
          choices={[
            { value: 'html', label: t('general.reading.preferHtmlOptions.html') },
            { value: 'text', label: t('general.reading.preferHtmlOptions.text') },
          ]}
          onChange={(v) => save({ preferHtml: v === 'html' })}
        />
        <RadioGroup
          legend={t('general.reading.remoteContent')}
          value={s.remoteContent}
          choices={REMOTE_CONTENT_POLICIES.map((p) => ({ value: p, label: t(`general.reading.remoteContentOptions.${p}`) }))}
          onChange={(remoteContent) => save({ remoteContent })}
        />
      </SettingsGroup>

      <SettingsGroup title={t('general.composing.title')}>
        <RadioGroup
          legend={t('general.composing.quoteStyle')}
          value={s.quoteStyle}
          choices={QUOTE_STYLES.map((q) => ({ value: q, label: t(`general.composing.quoteStyleOptions.${q}`) }))}
          onChange={(quoteStyle) => save({ quoteStyle })}
        />
        <SelectField label={t('general.composing.undoSend')} help={t('general.composing.undoSendHelp')} value={s.undoSendSeconds} choices={undo} onChange={(undoSendSeconds) => save({ undoSendSeconds })} />
        <SelectField label={t('general.composing.autosave')} value={s.autosaveSeconds} choices={autosave} onChange={(autosaveSeconds) => save({ autosaveSeconds })} />
        <CheckboxField label={t('general.composing.collectRecipients')} checked={s.collectRecipients} onChange={(collectRecipients) => save({ collectRecipients })} />
      </SettingsGroup>

      <SettingsGroup title={t('general.appearance.title')}>
        <RadioGroup legend={t('general.appearance.theme')} value={s.theme} choices={THEMES.map((th) => ({ value: th, label: t(`general.appearance.themeOptions.${th}`) }))} onChange={(theme) => save({ theme })} />
        <SelectField label={t('general.appearance.language')} value={s.language} choices={languages} onChange={(language) => save({ language })} />
        <SelectField label={t('general.appearance.timeZone')} value={s.timeZone} choices={zoneChoices} onChange={(timeZone) => save({ timeZone })} />
        <SelectField
          label={t('general.appearance.dateFormat')}
          value={s.dateFormat}
          choices={DATE_FORMATS.map((f) => ({ value: f, label: t(`general.appearance.dateFormatOptions.${f}`, { example: example(f) }) }))}
          onChange={(dateFormat) => save({ dateFormat })}
        />
      </SettingsGroup>

      <SettingsGroup title={t('general.keyboard.title')}>
        <CheckboxField label={t('general.keyboard.shortcuts')} help={t('general.keyboard.shortcutsHelp')} checked={s.keyboardShortcuts} onChange={(keyboardShortcuts) => save({ keyboardShortcuts })} />
        <button type="button" onClick={openShortcutHelp}>
          {t('general.keyboard.showHelp')}
        </button>
      </SettingsGroup>
    </div>
  );
}
