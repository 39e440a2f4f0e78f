import { useTranslation } from 'react-i18next';
import { AccountSection } from './AccountSection.tsx';

/** The server answers with `content-disposition: attachment`, so following the link downloads the file. */
const EXPORT_URL = '/api/me/export';

export function DataSection() {
  const { t } = useTranslation();
  return (
    <AccountSection heading={t('account.data.heading')} intro={t('account.data.intro')}>
      <a className="button button--secondary" href={EXPORT_URL} download="city-spirit-my-data.json">
        <svg className="button__icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
          <path d="M10 3v9m-4-4 4 4 4-4M4 15.5h12" />
        </svg>
        {t('account.data.download')}
      </a>
    </AccountSection>
  );
}
