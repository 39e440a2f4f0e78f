import { uniqueComments } from './api/cache.ts';
import { useId, useMemo, useState } from 'react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { campaignQuery, stageAllows } from '../../api/campaigns.ts';
import { useSession } from '../../api/session.ts';
import type { CommentTargetType } from '@city-spirit/shared';
import { useLocaleFormat } from '../../i18n/format.ts';
import { authPath } from '../../paths.ts';
import { TARGET_STAGE_ACTIONS, type CommentTarget, type ThreadSort } from './api/keys.ts';
import { commentSummaryQuery, topLevelCommentsQuery } from './api/listComments.ts';
import { CommentComposer } from './CommentComposer.tsx';
import { CommentItem } from './CommentItem.tsx';
import { StanceSummary } from './StanceSummary.tsx';
import { ThreadContext, useNow, type Thread } from './threadContext.ts';

type Props = {
  target: CommentTarget;
  campaignSlug: string;
  /** Whether the target itself takes comments (a merged entry keeps its thread readable but closed). */
  targetOpen: boolean;
  renderCommentTools?: Thread['renderCommentTools'];
};

const SORTS: readonly ThreadSort[] = ['top', 'new'];

/** What the thread says of its target: an entry, or a draft. */
const TARGET_TEXTS = {
  submission: { intro: 'discussion.intro', closed: 'discussion.closed.target' },
  draft: { intro: 'drafts.thread.intro', closed: 'drafts.thread.closed' },
} as const satisfies Record<CommentTargetType, { intro: string; closed: string }>;

/** A target's discussion: where people stand, a way to join in, and the comments a page at a time. */
export function Discussion({ target, campaignSlug, targetOpen, renderCommentTools }: Props) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const location = useLocation();
  const { user } = useSession();
  const campaign = useQuery(campaignQuery(campaignSlug)).data;
  const [sort, setSort] = useState<ThreadSort>('top');
  const query = useInfiniteQuery(topLevelCommentsQuery(target, sort));
  // Every page brings the counts; asked for alone only when they go stale (a live event).
  const summary = useQuery({ ...commentSummaryQuery(target), enabled: query.isSuccess }).data;
  const now = useNow();
  const headingId = useId();
  const stageOpen = campaign !== undefined && stageAllows(campaign, TARGET_STAGE_ACTIONS[target.type]);
  const texts = TARGET_TEXTS[target.type];
  const open = stageOpen && targetOpen;
  const signInPath = authPath('/sign-in', location.pathname + location.search);
  const thread = useMemo<Thread>(() => ({ target, user, open, signInPath, now, renderCommentTools }), [target, user, open, signInPath, now, renderCommentTools]);
  const comments = uniqueComments(query.data?.pages);

  return (
    <ThreadContext.Provider value={thread}>
      <section className="entry__section discussion" aria-labelledby={headingId} id="discussion">
        <h2 id={headingId} className="entry__section-heading discussion__heading">
          {t('discussion.heading')}
          {summary && (
            <span className="discussion__total">{t('discussion.total', { count: summary.total, formatted: format.number(summary.total) })}</span>
          )}
        </h2>
        <p className="entry__section-intro">{t(texts.intro)}</p>
        {summary && <StanceSummary stance={summary.stance} />}

        {!open ? (
          campaign && (
            <p className="discussion__closed">
              {stageOpen ? t(texts.closed) : t('discussion.closed.stage', { stage: t(`stages.${campaign.stage}.name`) })}
            </p>
          )
        ) : user ? (
          <CommentComposer user={user} idPrefix="comment-new" />
        ) : (
          user === null && (
            <p className="discussion__sign-in">
              {t('discussion.signIn.text')} <Link to={signInPath}>{t('discussion.signIn.link')}</Link>
            </p>
          )
        )}

        <fieldset className="segmented discussion__sort">
          <legend className="field__label">{t('discussion.sort.label')}</legend>
          <div className="segmented__options">
            {SORTS.map((option) => (
              <label key={option} className="segmented__option">
                <input
                  type="radio"
                  className="segmented__input"
                  name="discussion-sort"
                  value={option}
                  checked={sort === option}
                  onChange={() => setSort(option)}
                />
                {t(`discussion.sort.${option}`)}
              </label>
            ))}
          </div>
        </fieldset>

        {query.isPending ? (
          <p className="discussion__status" role="status">
            <span className="spinner" aria-hidden="true" /> {t('discussion.loading')}
          </p>
        ) : query.isError ? (
          <div className="inline-error" role="alert">
            <p>{t('discussion.loadFailed')}</p>
            <p>
              <button type="button" className="link-button" onClick={() => void query.refetch()}>
                {t('discussion.retry')}
              </button>
            </p>
          </div>
        ) : comments.length === 0 ? (
          <p className="discussion__empty">{t('discussion.empty')}</p>
        ) : (
          <ol className="comment-list" aria-labelledby={headingId}>
            {comments.map((comment) => (
              <CommentItem key={comment.id} comment={comment} />
            ))}
          </ol>
        )}
        {query.isFetchNextPageError && (
          <p className="inline-error" role="alert">
            {t('discussion.moreFailed')}
          </p>
        )}
        {query.hasNextPage && (
          <p className="discussion__more">
            <button
              type="button"
              className="button button--secondary"
              aria-disabled={query.isFetchingNextPage || undefined}
              onClick={() => !query.isFetchingNextPage && void query.fetchNextPage()}
            >
              {query.isFetchingNextPage ? t('discussion.loadingMore') : t('discussion.loadMore')}
            </button>
          </p>
        )}
      </section>
    </ThreadContext.Provider>
  );
}
