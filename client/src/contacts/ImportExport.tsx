import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CONTACTS_IMPORT_MAX_BYTES, EXPORT_FORMATS } from '../../../shared/contacts.js';
import { describeError } from '../errors.js';
import { exportUrl, useImportContactsMutation } from '../state/queries/contacts.js';

/**
 * Import a vCard (3.0 or 4.0) or CSV file, and show what was skipped, line by
 * line, so the user can fix the file; export as plain download links.
 */
export function ImportExport() {
  const { t } = useTranslation('contacts');
  const [tooLarge, setTooLarge] = useState(false);
  const importing = useImportContactsMutation();

  const pick = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    importing.reset();
    // Said before sending 8 MB for nothing; the server refuses it anyway (MESSAGE_TOO_LARGE).
    setTooLarge(file.size > CONTACTS_IMPORT_MAX_BYTES);
    if (file.size <= CONTACTS_IMPORT_MAX_BYTES) importing.mutate(file);
  };

  const result = importing.data;
  return (
    <section className="contact-import" aria-label={t('import.title')}>
      <h3>{t('import.title')}</h3>
      <label className="contact-file">
        <span>{t('import.file')}</span>
        <input type="file" accept=".vcf,.vcard,.csv,text/vcard,text/x-vcard,text/csv" onChange={pick} disabled={importing.isPending} />
      </label>
      <p className="contact-exports">
        {EXPORT_FORMATS.map((f) => (
          <a key={f} className="button" href={exportUrl(f)} download>
            {t(`export.${f}`)}
          </a>
        ))}
      </p>
      <div role="status" aria-label={t('import.report')}>
        {importing.isPending && <p>{t('import.importing')}</p>}
        {result && (
          <>
            <p>{t('import.done', { imported: result.imported, skipped: result.skippedTotal })}</p>
            {result.skipped.length > 0 && (
              <ul className="contact-skipped">
                {result.skipped.map((s, i) => (
                  <li key={i}>{t('import.skippedLine', { line: s.line, reason: t(`reasons.${s.reason}`) })}</li>
                ))}
              </ul>
            )}
            {result.skippedTotal > result.skipped.length && <p>{t('import.notListed', { count: result.skippedTotal - result.skipped.length })}</p>}
          </>
        )}
      </div>
      {(tooLarge || importing.error != null) && (
        <p role="alert" className="form-error">
          {tooLarge || (importing.error as { code?: string } | null)?.code === 'MESSAGE_TOO_LARGE'
            ? t('import.tooLarge', { mb: CONTACTS_IMPORT_MAX_BYTES / 1024 / 1024 })
            : describeError(importing.error)}
        </p>
      )}
    </section>
  );
}
