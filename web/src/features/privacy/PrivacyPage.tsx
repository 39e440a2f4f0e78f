import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PRIVACY_CONTACT_EMAIL, PRIVACY_NOTICE_VERSION } from '@city-spirit/shared';
import { paths } from '../../paths.ts';
import { PageIntro } from '../../ui/PageIntro.tsx';
import { useDocumentTitle } from '../../ui/useDocumentTitle.ts';

type ListSection = 'collected' | 'why' | 'who' | 'kept';
const LIST_SECTIONS: ListSection[] = ['collected', 'why', 'who', 'kept'];

/** The privacy notice residents consent to at sign-up: what is kept about them, why, who sees it, how long, and their rights. */
export function PrivacyPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('privacy.title'));
  return (
    <div className="privacy">
      <PageIntro title={t('privacy.title')} intro={t('privacy.intro')}>
        <p className="privacy__version">{t('privacy.version', { version: PRIVACY_NOTICE_VERSION })}</p>
      </PageIntro>
      <div className="container privacy__body">
        {LIST_SECTIONS.map((section) => (
          <section key={section} className="privacy__section" aria-labelledby={`privacy-${section}`}>
            <h2 id={`privacy-${section}`}>{t(`privacy.${section}Heading`)}</h2>
            <ul className="privacy__list">
              {t(`privacy.${section}`, { returnObjects: true }).map((item) => (
                <li key={item}>{item}</li>
              ))}
            </ul>
          </section>
        ))}
        <section className="privacy__section" aria-labelledby="privacy-rights">
          <h2 id="privacy-rights">{t('privacy.rightsHeading')}</h2>
          <p>{t('privacy.rightsText')}</p>
          <p>
            <Link to={paths.account}>{t('privacy.rightsLink')}</Link>
          </p>
        </section>
        <section className="privacy__section" aria-labelledby="privacy-contact">
          <h2 id="privacy-contact">{t('privacy.contactHeading')}</h2>
          <p>
            {t('privacy.contactLead')}
            <a href={`mailto:${PRIVACY_CONTACT_EMAIL}`}>{PRIVACY_CONTACT_EMAIL}</a>
            {t('privacy.contactTail')}
          </p>
          <p className="privacy__hint">{t('privacy.changesText')}</p>
        </section>
      </div>
    </div>
  );
}
