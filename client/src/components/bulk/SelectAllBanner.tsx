import { useTranslation } from 'react-i18next';
import type { ListSelection } from './useListSelection.js';

interface Props {
  list: ListSelection;
  total: number;
  folder: string;
}

/**
 * Gmail's banner: once every row on screen is ticked, offer the whole folder
 * (or the whole search); once that is chosen, say so and offer the way back.
 */
export function SelectAllBanner({ list, total, folder }: Props) {
  const { t } = useTranslation('bulk');
  const { selection } = list;
  if (selection.mode === 'all') {
    const text =
      selection.uids.size === 0
        ? t('allSelected', { count: total, folder })
        : t('allSelectedExcept', { count: list.count, except: selection.uids.size, folder });
    return (
      <p className="bulk-banner" role="status">
        {text}{' '}
        <button type="button" className="link-button" onClick={list.clear}>
          {t('clear')}
        </button>
      </p>
    );
  }
  if (!list.pageSelected || list.count >= total) return null;
  return (
    <p className="bulk-banner" role="status">
      {t('pageSelected', { count: list.count })}{' '}
      <button type="button" className="link-button" onClick={list.selectAll}>
        {t('selectAll', { count: total, folder })}
      </button>
    </p>
  );
}
