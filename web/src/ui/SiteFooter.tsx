import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCurrentCampaign } from '../api/campaigns.ts';
import { paths } from '../paths.ts';
import { Skyline } from './Skyline.tsx';

export function SiteFooter() {
  const { t } = useTranslation();
  const campaign = useCurrentCampaign();
  return (
    <footer className="site-footer">
      <Skyline className="site-footer__skyline skyline" />
      <div className="container site-footer__grid">
        <section id="about" className="site-footer__section" aria-labelledby="footer-about" tabIndex={-1}>
          <h2 id="footer-about">{t('footer.aboutHeading')}</h2>
          <p>{t('footer.aboutText')}</p>
        </section>
        <section className="site-footer__section" aria-labelledby="footer-open">
          <h2 id="footer-open">{t('footer.openHeading')}</h2>
          <p>{t('footer.openText')}</p>
          <p>
            {t('footer.apiLead')}
            <a href="/api/docs">{t('footer.api')}</a>
          </p>
          {campaign && (
            <p>
              {t('moderationLog.footerLead')}
              <Link to={paths.moderationLog(campaign.slug)}>{t('moderationLog.footerLink')}</Link>
            </p>
          )}
          <p>
            {t('openData.footerLead')}
            <Link to={paths.openData(campaign?.slug)}>{t('openData.footerLink')}</Link>
          </p>
        </section>
        <section className="site-footer__section" aria-labelledby="footer-privacy">
          <h2 id="footer-privacy">{t('footer.privacyHeading')}</h2>
          <p>{t('footer.privacyText')}</p>
          <p>
            {t('privacy.footerLead')}
            <Link to={paths.privacy}>{t('privacy.footerLink')}</Link>
          </p>
        </section>
      </div>
      <div className="container site-footer__bottom">
        <p>{t('footer.bottomLine')}</p>
      </div>
    </footer>
  );
}
