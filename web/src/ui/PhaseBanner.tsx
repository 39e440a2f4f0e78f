import { useTranslation } from 'react-i18next';

export function PhaseBanner() {
  const { t } = useTranslation();
  return (
    <div className="phase-banner">
      <p className="container phase-banner__text">
        <strong className="tag">{t('phase.tag')}</strong>
        <span>{t('phase.text')}</span>
      </p>
    </div>
  );
}
