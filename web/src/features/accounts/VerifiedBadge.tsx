import { useTranslation } from 'react-i18next';

export function VerifiedBadge({ verified }: { verified: boolean }) {
  const { t } = useTranslation();
  return (
    <span className={verified ? 'verified-badge' : 'verified-badge verified-badge--no'}>
      {verified ? (
        <svg className="verified-badge__icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
          <path d="M4.5 10.5 8.5 14.5 15.5 6" />
        </svg>
      ) : null}
      {verified ? t('account.verified') : t('account.notVerified')}
    </span>
  );
}
