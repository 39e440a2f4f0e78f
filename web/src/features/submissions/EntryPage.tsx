import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { canChangeSubmission, isPublicSubmissionStatus, submissionIdParamsSchema, type Campaign, type SimilarPhrase, type Submission } from '@city-spirit/shared';
import { campaignQuery, stageAllows, useCurrentCampaign } from '../../api/campaigns.ts';
import { isApiError } from '../../api/client.ts';
import { useLocaleFormat } from '../../i18n/format.ts';
import { paths } from '../../paths.ts';
import { useDistrictName } from '../../ui/DistrictField.tsx';
import { ShareButton } from '../../ui/ShareButton.tsx';
import { ErrorView, LoadingView, NotFoundView } from '../../ui/StateViews.tsx';
import { useDocumentTitle } from '../../ui/useDocumentTitle.ts';
import { submissionQuery } from './api/getSubmission.ts';
import { authorName, entryLang, textLang } from '../../ui/entryText.ts';
import { entryStateFrom } from './entryState.ts';
import { StatusBadge } from './StatusBadge.tsx';
import { WithdrawSection } from './WithdrawSection.tsx';

/**
 * What the route puts into the entry's page from other features: a way to support it (beside its
 * counts), its thread (below the explanation), a way to report it (under the explanation), tools for
 * staff (below the facts), and, in the author's status notice, what they can do about a moderation
 * decision.
 */
export type EntrySlots = {
  renderSupport?: (submission: Submission, campaign: Campaign) => ReactNode;
  renderThread?: (submission: Submission) => ReactNode;
  renderStaffTools?: (submission: Submission, campaign: Campaign) => ReactNode;
  renderReport?: (submission: Submission) => ReactNode;
  renderDecision?: (submission: Submission) => ReactNode;
};

export function EntryPage(slots: EntrySlots) {
  const { t } = useTranslation();
  const params = submissionIdParamsSchema.safeParse(useParams());
  const query = useQuery({ ...submissionQuery(params.success ? params.data.id : ''), enabled: params.success });
  if (!params.success) return <EntryNotFound />;
  if (query.data) return <EntryView submission={query.data} {...slots} />;
  if (query.isError) {
    if (isApiError(query.error) && query.error.status === 404) return <EntryNotFound />;
    return <ErrorView error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />;
  }
  return <LoadingView label={t('entry.loading')} />;
}

function EntryNotFound() {
  const { t } = useTranslation();
  const campaign = useCurrentCampaign();
  return (
    <NotFoundView text={t('entry.notFound')}>
      {campaign && (
        <Link to={paths.entries(campaign.slug)} className="button button--secondary">
          {t('campaign.actions.browse')}
        </Link>
      )}
    </NotFoundView>
  );
}

function EntryView({ submission, renderSupport, renderThread, renderStaffTools, renderReport, renderDecision }: EntrySlots & { submission: Submission }) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const location = useLocation();
  const navigate = useNavigate();
  const { similar, backTo } = entryStateFrom(location.state);
  const campaign = useQuery(campaignQuery(submission.campaignSlug)).data;
  const district = useDistrictName()(submission.districtCode);
  const [justWithdrawn, setJustWithdrawn] = useState(false);
  useDocumentTitle(submission.phrase);

  const lang = entryLang(submission);
  const isPublic = isPublicSubmissionStatus(submission.status);
  const canWithdraw =
    campaign !== undefined && canChangeSubmission({ status: submission.status, ownedByViewer: submission.viewerIsAuthor }, campaign.stage, 'withdrawOwnSubmission');
  const withdrawn = () => {
    setJustWithdrawn(true);
    // The notice "your phrase is published" no longer holds; the way back to the list does.
    navigate(location.pathname, { replace: true, preventScrollReset: true, state: backTo ? { backTo } : null });
  };
  const explanation = submission.explanation
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean);

  return (
    <article className="entry" aria-labelledby="entry-phrase">
      <div className="entry__hero">
        <div className="container entry__hero-inner">
          <Link to={backTo ?? paths.entries(submission.campaignSlug)} className="back-link">
            <svg className="back-link__icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
              <path d="M12.5 4.5 7 10l5.5 5.5" />
            </svg>
            {t('entry.back')}
          </Link>
          <p className="entry__eyebrow">
            {t('entry.eyebrow')}
            <StatusBadge status={submission.status} />
          </p>
          <h1 id="entry-phrase" className="entry__phrase" lang={lang}>
            {submission.phrase}
          </h1>
          <p className="entry__byline">
            <span>{authorName(t, submission.author)}</span>
            {district && <span>{district}</span>}
          </p>
          <p className="entry__date">
            <time dateTime={submission.createdAt}>{t('entry.submittedOn', { date: format.date(submission.createdAt) })}</time>
          </p>
          {isPublic && <ShareButton title={submission.phrase} text={t('entry.shareText', { phrase: submission.phrase })} url={new URL(paths.entry(submission.id), window.location.origin).toString()} />}
        </div>
      </div>

      <div className="container entry__layout">
        <div className="entry__main">
          <StatusNotice submission={submission} takeFocus={justWithdrawn}>
            {renderDecision?.(submission)}
          </StatusNotice>
          <section className="entry__section" aria-labelledby="entry-explanation-heading">
            <h2 id="entry-explanation-heading" className="entry__section-heading">
              {t('entry.explanationHeading')}
            </h2>
            {explanation.length > 0 ? (
              <div className="prose entry__explanation" lang={lang}>
                {explanation.map((paragraph, index) => (
                  <p key={index}>{paragraph}</p>
                ))}
              </div>
            ) : (
              <p className="entry__no-explanation">{t('entry.noExplanation')}</p>
            )}
          </section>
          {renderReport?.(submission)}
        </div>
        <aside className="panel entry__facts" aria-labelledby="entry-facts-heading">
          <h2 id="entry-facts-heading" className="entry__facts-heading">
            {t('entry.factsHeading')}
          </h2>
          <dl className="entry__counts">
            {submission.voteCount !== null && (
              <div className="entry__count">
                <dt>{t('entries.votes')}</dt>
                <dd>{format.number(submission.voteCount)}</dd>
              </div>
            )}
            <div className="entry__count">
              <dt>{t('entry.comments')}</dt>
              <dd>{format.number(submission.commentCount)}</dd>
            </div>
          </dl>
          {campaign && renderSupport?.(submission, campaign)}
          {campaign && !stageAllows(campaign, 'vote') && (
            <p className="entry__facts-note">{submission.voteCount === null ? t('entry.votesHidden') : t('entry.votingSoon')}</p>
          )}
          {campaign && renderStaffTools?.(submission, campaign)}
        </aside>
        {/* After the facts, so that on a phone the support button is not below a long thread. */}
        {renderThread && <div className="entry__thread">{renderThread(submission)}</div>}
        {((similar && similar.length > 0) || canWithdraw) && (
          <div className="entry__more">
            {similar && similar.length > 0 && <SimilarAfterSubmit similar={similar} />}
            {canWithdraw && <WithdrawSection submission={submission} onWithdrawn={withdrawn} />}
          </div>
        )}
      </div>
    </article>
  );
}

/** For the author: why the entry is not (or no longer) public; for everyone: where a merged entry went. */
function StatusNotice({ submission, takeFocus, children }: { submission: Submission; takeFocus: boolean; children?: ReactNode }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (takeFocus) ref.current?.focus();
  }, [takeFocus, submission.status]);
  let text: ReactNode;
  switch (submission.status) {
    case 'merged':
      text = submission.mergedIntoId ? <MergedInto targetId={submission.mergedIntoId} /> : undefined;
      break;
    case 'pending':
      text =
        submission.pendingReason === 'blocked_term'
          ? t('entry.statusText.pendingBlockedTerm')
          : submission.pendingReason === 'pre_moderation'
            ? t('entry.statusText.pendingPreModeration')
            : t('entry.statusText.pending');
      break;
    case 'withdrawn':
      text = t('entry.statusText.withdrawn');
      break;
    case 'hidden':
      text = t('entry.statusText.hidden');
      break;
    case 'rejected':
      text = t('entry.statusText.rejected');
      break;
    default:
      text = undefined;
  }
  if (!text) return null;
  return (
    <div className="status-notice" data-status={submission.status} ref={ref} tabIndex={-1}>
      <p className="status-notice__heading">
        <StatusBadge status={submission.status} />
      </p>
      <p className="status-notice__text">{text}</p>
      {children}
    </div>
  );
}

/** "Merged into <the target>": its supports count there, its comments stay here. */
function MergedInto({ targetId }: { targetId: string }) {
  const { t } = useTranslation();
  const target = useQuery(submissionQuery(targetId)).data;
  return (
    <>
      {t('clusters.mergedNotice')}
      <Link to={paths.entry(targetId)} className="status-notice__link" lang={target ? entryLang(target) : undefined}>
        {target ? `“${target.phrase}”` : t('clusters.mergedTargetLoading')}
      </Link>
      {t('clusters.mergedNoticeAfter')}
    </>
  );
}

/** After submitting: the entries already in that say something alike, returned with the new entry. */
function SimilarAfterSubmit({ similar }: { similar: SimilarPhrase[] }) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  return (
    <section className="entry__section entry-similar" aria-labelledby="entry-similar-heading">
      <h2 id="entry-similar-heading" className="entry__section-heading">
        {t('entry.similarHeading')}
      </h2>
      <p className="entry__section-intro">{t('entry.similarIntro')}</p>
      <ul className="entry-similar__list">
        {similar.map((item) => (
          <li key={item.id} className="entry-similar__item">
            <Link to={paths.entry(item.id)} className="entry-similar__phrase" lang={textLang(item.phrase)}>
              {item.phrase}
            </Link>
            <span className="entry-similar__score">{t('submit.similar.similarity', { percent: format.percent(item.similarity) })}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
