import { useQuery } from '@tanstack/react-query';
import { Link, Navigate, useLocation, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isPanelMember, type Campaign, type OwnUser } from '@city-spirit/shared';
import { sessionQuery } from '../../api/session.ts';
import { shortlistQuery } from '../../api/shortlist.ts';
import { useLocaleFormat } from '../../i18n/format.ts';
import { authPath, paths } from '../../paths.ts';
import { CampaignGate } from '../../ui/CampaignGate.tsx';
import { PageIntro } from '../../ui/PageIntro.tsx';
import { ErrorView, LoadingView } from '../../ui/StateViews.tsx';
import { useDocumentTitle } from '../../ui/useDocumentTitle.ts';
import { useDrafts } from './api/listDrafts.ts';
import { DraftsView } from './DraftsView.tsx';
import { DraftWorkspace } from './DraftWorkspace.tsx';
import { ShortlistAssessments } from './ShortlistAssessments.tsx';
import { StageNotice } from './StageNotice.tsx';

type View = 'entries' | 'drafts';

/** The expert panel's workspace for a campaign. Signed-out visitors are sent to sign in and come back here. */
export function PanelPage() {
  const { t } = useTranslation();
  const { pathname, search } = useLocation();
  const session = useQuery(sessionQuery());
  if (session.data && !session.data.user) return <Navigate to={authPath('/sign-in', pathname + search)} replace />;
  const user = session.data?.user;
  if (!user) {
    if (session.isError) return <ErrorView error={session.error} onRetry={() => void session.refetch()} retrying={session.isFetching} />;
    return <LoadingView label={t('panel.loading')} />;
  }
  return <CampaignGate loadingLabel={t('panel.loading')}>{(campaign) => <PanelView campaign={campaign} user={user} />}</CampaignGate>;
}

function PanelView({ campaign, user }: { campaign: Campaign; user: OwnUser }) {
  const { t } = useTranslation();
  useDocumentTitle(t('panel.title'));
  return (
    <div className="panel-page">
      <PageIntro eyebrow={t('panel.eyebrow')} title={t('panel.title')} intro={t('panel.intro')} />
      <div className="container panel-page__body">
        {isPanelMember(user) ? (
          <Workspace campaign={campaign} />
        ) : (
          <div className="panel-page__only" role="status">
            <h2 className="panel-page__only-heading">{t('panel.onlyPanel.heading')}</h2>
            <p>{t('panel.onlyPanel.text')}</p>
            <p>
              <Link to={paths.shortlist(campaign.slug)}>{t('panel.onlyPanel.shortlist')}</Link>
            </p>
          </div>
        )}
      </div>
    </div>
  );
}

function Workspace({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const [search] = useSearchParams();
  const shortlist = useQuery(shortlistQuery(campaign.slug));
  const drafts = useDrafts(campaign.slug);
  const draftId = search.get('draft');
  const view: View = draftId || search.get('view') === 'drafts' ? 'drafts' : 'entries';
  const counts: Record<View, number | undefined> = { entries: shortlist.data?.items.length, drafts: drafts.data?.items.length };
  return (
    <>
      <StageNotice campaign={campaign} />
      <nav className="panel-tabs" aria-label={t('panel.tabsLabel')}>
        <ul className="panel-tabs__list">
          {(['entries', 'drafts'] as const).map((option) => (
            <li key={option}>
              <Link
                to={{ search: option === 'drafts' ? '?view=drafts' : '' }}
                className="panel-tabs__tab"
                aria-current={view === option && !(option === 'drafts' && draftId) ? 'page' : undefined}
                data-selected={view === option || undefined}
              >
                {t(`panel.tabs.${option}`)}
                {counts[option] !== undefined && <span className="panel-tabs__count">{format.number(counts[option])}</span>}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {draftId ? (
        <DraftWorkspace key={draftId} campaign={campaign} draftId={draftId} />
      ) : view === 'drafts' ? (
        <DraftsView campaign={campaign} />
      ) : (
        <ShortlistAssessments campaign={campaign} />
      )}
    </>
  );
}
