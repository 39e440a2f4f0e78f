import { useTranslation } from 'react-i18next';
import type { SubmissionStatus } from '@city-spirit/shared';

/** Published is the normal state and carries no badge; the others say what happened to the entry. */
export function StatusBadge({ status }: { status: SubmissionStatus }) {
  const { t } = useTranslation();
  if (status === 'published') return null;
  return (
    <span className="status-badge" data-status={status}>
      <span className="visually-hidden">{t('entries.statusLabel')}</span>
      {t(`entries.status.${status}`)}
    </span>
  );
}
