import { useEffect, useRef, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useLocation, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { stageReached, type Campaign, type Draft } from '@city-spirit/shared';
import { stageAllows } from '../../api/campaigns.ts';
import { useSession } from '../../api/session.ts';
import { useLocaleFormat } from '../../i18n/format.ts';
import { authPath, paths } from '../../paths.ts';
import { CampaignGate } from '../../ui/CampaignGate.tsx';
import { textLang } from '../../ui/entryText.ts';
import { PageIntro } from '../../ui/PageIntro.tsx';
import { ErrorView, LoadingView } from '../../ui/StateViews.tsx';
import { useDocumentTitle } from '../../ui/useDocumentTitle.ts';
import { draftsQuery } from './api/listDrafts.ts';
import { DraftCard, OPEN_DRAFT } from './DraftCard.tsx';

type Props = {
  /** The thread of the draft opened (from the discussion feature), composed at the route. */
  renderThread: (draft: Draft, campaign: Campaign) => ReactNode;
  /** After the admin adopted a draft: the route reads the result again and leads to it. */
  onAdopted: (slug: string) => void;
};

/** The refine stage as residents see it: the published drafts side by side, a vote for one, and each one's discussion. */
export function DraftsPage({ renderThread, onAdopted }: Props) {
  const { t } = useTranslation();
  return <CampaignGate loadingLabel={t('drafts.loading')}>{(campaign) => <DraftsView campaign={campaign} renderThread={renderThread} onAdopted={onAdopted} />}</CampaignGate>;
}

function DraftsView({ campaign, renderThread, onAdopted }: { campaign: Campaign } & Props) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  useDocumentTitle(t('drafts.title'));
  const query = useQuery(draftsQuery(campaign.slug));
  const [search] = useSearchParams();
  const drafts = query.data?.items ?? [];
  const openDraft = drafts.find((draft) => draft.id === search.get(OPEN_DRAFT));
  const voted = drafts.find((draft) => draft.viewerVoted);

  return (
    <div className="drafts">
      <PageIntro eyebrow={t('drafts.eyebrow')} title={t('drafts.title')} intro={t('drafts.intro')} />
      <div className="container drafts__body">
        <StageLine campaign={campaign} />
        {query.data ? (
          drafts.length === 0 ? (
            <p className="drafts__empty">{stageReached(campaign.stage, 'refine') ? t('drafts.emptyDuring') : t('drafts.emptyBefore')}</p>
          ) : (
            <>
              <p className="drafts__summary" role="status">
                {t('drafts.count', { count: drafts.length, formatted: format.number(drafts.length) })}
                {voted && <> · {t('drafts.yourVoteOn', { text: voted.text })}</>}
              </p>
              <ol className="drafts__grid">
                {drafts.map((draft) => (
                  <DraftCard key={draft.id} draft={draft} campaign={campaign} threadOpen={draft.id === openDraft?.id} voteElsewhere={voted !== undefined && voted.id !== draft.id} onAdopted={onAdopted} />
                ))}
              </ol>
            </>
          )
        ) : query.isError ? (
          <ErrorView error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />
        ) : (
          <LoadingView label={t('drafts.loading')} />
        )}
        {openDraft && <DraftThread draft={openDraft} campaign={campaign} renderThread={renderThread} />}
      </div>
    </div>
  );
}

/** What residents may do in this stage; outside refine, the drafts stay readable and say why voting is closed. */
function StageLine({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const location = useLocation();
  const { user } = useSession();
  if (campaign.stage === 'announced') {
    return (
      <p className="drafts__stage drafts__stage--closed">
        {t('drafts.stage.announced')} <Link to={paths.result(campaign.slug)}>{t('drafts.stage.toResult')}</Link>
      </p>
    );
  }
  if (!stageAllows(campaign, 'voteOnDraft')) {
    return <p className="drafts__stage drafts__stage--closed">{t('drafts.stage.before', { stage: t(`stages.${campaign.stage}.name`) })}</p>;
  }
  return (
    <p className="drafts__stage">
      {t('drafts.stage.open')}{' '}
      {user === null && (
        <>
          {t('drafts.stage.signIn')} <Link to={authPath('/sign-in', location.pathname + location.search)}>{t('drafts.stage.signInLink')}</Link>
        </>
      )}
    </p>
  );
}

function DraftThread({ draft, campaign, renderThread }: { draft: Draft; campaign: Campaign } & Pick<Props, 'renderThread'>) {
  const { t } = useTranslation();
  const [, setSearch] = useSearchParams();
  const region = useRef<HTMLDivElement>(null);
  // Opened from a card: keyboards and screen readers continue at the thread.
  useEffect(() => region.current?.focus(), [draft.id]);
  return (
    <div className="draft-thread" id="draft-thread" ref={region} tabIndex={-1}>
      <div className="draft-thread__head">
        <p className="draft-thread__about">
          {t('drafts.thread.about')} <q lang={textLang(draft.text)}>{draft.text}</q>
        </p>
        <button type="button" className="link-button" onClick={() => setSearch({}, { preventScrollReset: true })}>
          {t('drafts.thread.close')}
        </button>
      </div>
      {renderThread(draft, campaign)}
    </div>
  );
}
