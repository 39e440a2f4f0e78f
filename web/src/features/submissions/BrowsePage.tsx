import type { ReactNode } from 'react';
import { Link, Navigate, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Campaign, Submission } from '@city-spirit/shared';
import { stageAllows } from '../../api/campaigns.ts';
import { useSession } from '../../api/session.ts';
import { authPath, paths } from '../../paths.ts';
import { useDocumentTitle } from '../../ui/useDocumentTitle.ts';
import type { SubmissionFilters } from '../../api/keys.ts';
import { BrowseFilters } from './BrowseFilters.tsx';
import { useBrowseSearch } from './browseSearch.ts';
import { CampaignGate } from '../../ui/CampaignGate.tsx';
import { EntryResults } from './EntryResults.tsx';
import { PageIntro } from '../../ui/PageIntro.tsx';
import { defaultSort, offeredSorts } from './sorting.ts';

/**
 * What the route puts into the list from other features: a note above the filters (the supports
 * left) and, on each card, a way to support the entry.
 */
export type BrowseSlots = {
  renderNotice?: (campaign: Campaign) => ReactNode;
  renderSupport?: (submission: Submission, campaign: Campaign) => ReactNode;
};

export function BrowsePage(slots: BrowseSlots) {
  const { t } = useTranslation();
  return <CampaignGate loadingLabel={t('browse.loading')}>{(campaign) => <BrowseView campaign={campaign} {...slots} />}</CampaignGate>;
}

function BrowseView({ campaign, renderNotice, renderSupport }: BrowseSlots & { campaign: Campaign }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const location = useLocation();
  const sorts = offeredSorts(campaign);
  const [search, changeSearch] = useBrowseSearch(defaultSort(campaign));
  const mine = search.author === 'me';
  useDocumentTitle(mine ? t('browse.mineTitle') : t('browse.title'));
  if (mine && user === null) return <Navigate to={authPath('/sign-in', location.pathname + location.search)} replace />;

  const filters: SubmissionFilters = {
    // One's own entries come newest first, whatever their status.
    sort: mine ? 'new' : search.sort && sorts.includes(search.sort) ? search.sort : defaultSort(campaign),
    q: search.q,
    districtCode: search.district,
    author: mine ? 'me' : undefined,
  };
  const canSubmit = stageAllows(campaign, 'submit');

  return (
    <div className="browse">
      <PageIntro
        eyebrow={t('browse.eyebrow')}
        title={mine ? t('browse.mineTitle') : t('browse.title')}
        intro={mine ? t('browse.mineIntro') : filters.sort === 'random' ? t('browse.introRandom') : t('browse.intro')}
      >
        {canSubmit && (
          <p className="page-header__actions">
            <Link to={paths.submit(campaign.slug)} className="button">
              {t('campaign.actions.write')}
            </Link>
          </p>
        )}
      </PageIntro>
      <div className="container browse__body">
        {user && (
          // Plain links: both views share a path (NavLink would mark both as current), the address's author= tells them apart.
          <nav className="view-tabs" aria-label={t('browse.viewsLabel')}>
            <Link to={paths.entries(campaign.slug)} className="view-tabs__tab" aria-current={mine ? undefined : 'page'}>
              {t('browse.allEntries')}
            </Link>
            <Link to={paths.myEntries(campaign.slug)} className="view-tabs__tab" aria-current={mine ? 'page' : undefined}>
              {t('browse.myEntries')}
            </Link>
          </nav>
        )}
        {renderNotice?.(campaign)}
        <BrowseFilters key={search.q ?? ''} search={search} sort={filters.sort} sorts={mine ? undefined : sorts} onChange={changeSearch} />
        <EntryResults
          campaign={campaign}
          filters={filters}
          backTo={location.pathname + location.search}
          clearPath={mine ? paths.myEntries(campaign.slug) : paths.entries(campaign.slug)}
          canSubmit={canSubmit}
          renderSupport={renderSupport && ((submission) => renderSupport(submission, campaign))}
        />
      </div>
    </div>
  );
}
