import type { ReactNode } from 'react';
import { Link, NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isPanelMember, stageReached } from '@city-spirit/shared';
import { stageAllows, useCurrentCampaign } from '../api/campaigns.ts';
import { useSession } from '../api/session.ts';
import { paths } from '../paths.ts';
import { BrandMark } from './Skyline.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { AccountNav } from './AccountNav.tsx';
import { PhaseBanner } from './PhaseBanner.tsx';

export function SiteHeader({ accountSlot }: { accountSlot?: ReactNode }) {
  const { t } = useTranslation();
  const campaign = useCurrentCampaign();
  const { user } = useSession();
  return (
    <header className="site-header">
      <div className="container site-header__bar">
        <Link to="/" className="brand">
          <BrandMark className="brand__mark" />
          <span className="brand__text">
            <span className="brand__name">{t('header.siteName')}</span>
            <span className="brand__tagline">{t('header.tagline')}</span>
          </span>
        </Link>
        <AccountNav slot={accountSlot} />
        <LanguageSwitch />
      </div>
      <nav className="site-nav" aria-label={t('header.navLabel')}>
        <ul className="container site-nav__list">
          <li>
            <NavLink to="/" end className="site-nav__link">
              {t('header.nav.campaign')}
            </NavLink>
          </li>
          {campaign && (
            <li>
              <NavLink to={paths.entries(campaign.slug)} className="site-nav__link">
                {t('header.nav.browse')}
              </NavLink>
            </li>
          )}
          {campaign && stageAllows(campaign, 'pairwise') && (
            <li>
              <NavLink to={paths.compare(campaign.slug)} className="site-nav__link site-nav__link--action">
                {t('compare.navLabel')}
              </NavLink>
            </li>
          )}
          {campaign && stageAllows(campaign, 'pairwise') && (
            <li>
              <NavLink to={paths.ranking(campaign.slug)} className="site-nav__link">
                {t('ranking.navLabel')}
              </NavLink>
            </li>
          )}
          {/* The shortlist is made in the discussion stage and stays what the later stages draft from. */}
          {campaign && stageReached(campaign.stage, 'discuss') && (
            <li>
              <NavLink to={paths.shortlist(campaign.slug)} className="site-nav__link">
                {t('shortlist.navLabel')}
              </NavLink>
            </li>
          )}
          {campaign && (
            <li>
              <NavLink to={paths.insights(campaign.slug)} className="site-nav__link">
                {t('insights.navLabel')}
              </NavLink>
            </li>
          )}
          {campaign && isPanelMember(user ?? null) && (
            <li>
              <NavLink to={paths.panel(campaign.slug)} className="site-nav__link">
                {t('panel.navLabel')}
              </NavLink>
            </li>
          )}
          {campaign && stageAllows(campaign, 'voteOnDraft') && (
            <li>
              <NavLink to={paths.drafts(campaign.slug)} className="site-nav__link site-nav__link--action">
                {t('drafts.navLabel')}
              </NavLink>
            </li>
          )}
          {campaign && campaign.stage === 'announced' && (
            <li>
              <NavLink to={paths.result(campaign.slug)} className="site-nav__link site-nav__link--action">
                {t('result.navLabel')}
              </NavLink>
            </li>
          )}
          {campaign && stageAllows(campaign, 'submit') && (
            <li>
              <NavLink to={paths.submit(campaign.slug)} className="site-nav__link site-nav__link--action">
                {t('header.nav.submit')}
              </NavLink>
            </li>
          )}
          <li>
            <Link to={{ pathname: '/', hash: '#process' }} className="site-nav__link">
              {t('header.nav.process')}
            </Link>
          </li>
          <li>
            <a href="#about" className="site-nav__link">
              {t('header.nav.about')}
            </a>
          </li>
        </ul>
      </nav>
      <PhaseBanner />
    </header>
  );
}
