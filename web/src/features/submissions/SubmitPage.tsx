import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, Navigate, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Campaign, OwnUser } from '@city-spirit/shared';
import { campaignKeys, stageAllows } from '../../api/campaigns.ts';
import { sessionQuery } from '../../api/session.ts';
import { authPath, paths } from '../../paths.ts';
import { ErrorView, LoadingView } from '../../ui/StateViews.tsx';
import { useDocumentTitle } from '../../ui/useDocumentTitle.ts';
import { myEntryCountQuery } from './api/listSubmissions.ts';
import { submissionKeys } from '../../api/keys.ts';
import { CampaignGate } from '../../ui/CampaignGate.tsx';
import { PageIntro } from '../../ui/PageIntro.tsx';
import { SubmissionForm, type Refusal } from './SubmissionForm.tsx';

/** Signed-out visitors are sent to sign in, and come back here afterwards. */
export function SubmitPage() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const session = useQuery(sessionQuery());
  if (session.data && !session.data.user) return <Navigate to={authPath('/sign-in', pathname)} replace />;
  const user = session.data?.user;
  if (!user) {
    if (session.isError) return <ErrorView error={session.error} onRetry={() => void session.refetch()} retrying={session.isFetching} />;
    return <LoadingView label={t('submit.loading')} />;
  }
  return <CampaignGate loadingLabel={t('submit.loading')}>{(campaign) => <SubmitView campaign={campaign} user={user} />}</CampaignGate>;
}

function SubmitView({ campaign, user }: { campaign: Campaign; user: OwnUser }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  useDocumentTitle(t('submit.title'));
  const entryCount = useQuery(myEntryCountQuery(campaign.slug));
  const [refused, setRefused] = useState<Refusal | null>(null);
  const max = campaign.settings.maxSubmissionsPerUser;

  const refuse = (refusal: Refusal) => {
    setRefused(refusal);
    // What the page knew about the stage or the count was out of date.
    void queryClient.invalidateQueries({ queryKey: campaignKeys.all });
    void queryClient.invalidateQueries({ queryKey: submissionKeys.lists() });
  };
  const closedBy: Refusal | null = !stageAllows(campaign, 'submit')
    ? 'closed'
    : refused ?? (entryCount.data !== undefined && entryCount.data >= max ? 'limit' : null);

  return (
    <div className="submit">
      <PageIntro eyebrow={t('submit.eyebrow')} title={t('submit.title')} intro={t('submit.intro')} />
      <div className="container submit__layout">
        <div className="panel submit__panel">
          {closedBy ? <SubmissionClosed refusal={closedBy} campaign={campaign} /> : <SubmissionForm campaign={campaign} user={user} onRefused={refuse} />}
        </div>
        {closedBy !== 'closed' && (
          <aside className="submit__aside" aria-labelledby="submit-tips-heading">
            <h2 id="submit-tips-heading" className="submit__aside-heading">
              {t('submit.tipsHeading')}
            </h2>
            <ul className="bullet-list">
              {t('submit.tips', { returnObjects: true }).map((tip) => (
                <li key={tip}>{tip}</li>
              ))}
            </ul>
            <p className="submit__quota">
              {entryCount.data ? t('submit.quotaUsed', { max, count: entryCount.data }) : t('submit.quota', { max })}{' '}
              {entryCount.data ? <Link to={paths.myEntries(campaign.slug)}>{t('submit.myEntries')}</Link> : null}
            </p>
          </aside>
        )}
      </div>
    </div>
  );
}

/** In place of the form when it cannot be used: the stage is over, or the resident has submitted all they may. */
function SubmissionClosed({ refusal, campaign }: { refusal: Refusal; campaign: Campaign }) {
  const { t } = useTranslation();
  const max = campaign.settings.maxSubmissionsPerUser;
  return (
    <div className="refusal" role="status">
      {refusal === 'limit' ? (
        <>
          <h2 className="refusal__heading">{t('submit.limit.heading', { count: max })}</h2>
          <p className="refusal__text">{t('submit.limit.text', { count: max })}</p>
          <p className="refusal__actions">
            <Link to={paths.myEntries(campaign.slug)} className="button">
              {t('submit.myEntries')}
            </Link>
            <Link to={paths.entries(campaign.slug)} className="button button--secondary">
              {t('campaign.actions.browse')}
            </Link>
          </p>
        </>
      ) : (
        <>
          <h2 className="refusal__heading">{t('submit.closed.heading')}</h2>
          <p className="refusal__text">{t('submit.closed.text', { stage: t(`stages.${campaign.stage}.name`) })}</p>
          <p className="refusal__actions">
            <Link to={paths.entries(campaign.slug)} className="button">
              {t('campaign.actions.browse')}
            </Link>
          </p>
        </>
      )}
    </div>
  );
}
