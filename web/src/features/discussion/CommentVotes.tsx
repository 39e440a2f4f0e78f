import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Comment } from '@city-spirit/shared';
import { isApiError } from '../../api/client.ts';
import { useLocaleFormat } from '../../i18n/format.ts';
import { useProblemMessage } from '../../ui/useProblemMessage.ts';
import { useVoteOnComment } from './api/voteOnComment.ts';
import { useThread } from './threadContext.ts';

type Problem = { kind: 'signedOut' } | { kind: 'other'; text: string };

/**
 * Up and down (toggles, aria-pressed) around the score. The score moves at once and goes back if
 * the server refuses. Authors see their own comment's score without the buttons.
 */
export function CommentVotes({ comment }: { comment: Comment }) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const { target, user, open, signInPath } = useThread();
  const vote = useVoteOnComment(target);
  const problemMessage = useProblemMessage();
  const [problem, setProblem] = useState<Problem | null>(null);
  const readonly = comment.viewerIsAuthor || !open;
  // Between the arrows the number speaks for itself; alone it says what it is.
  const score = (
    <span className="comment-votes__score">
      <span className={readonly ? 'comment-votes__label' : 'visually-hidden'}>{t('discussion.votes.score')}</span>
      {format.number(comment.score)}
    </span>
  );
  if (readonly) return <div className="comment-votes comment-votes--readonly">{score}</div>;

  const cast = (value: 1 | -1) => {
    if (vote.isPending) return;
    if (user === null) {
      setProblem({ kind: 'signedOut' });
      return;
    }
    setProblem(null);
    vote.mutate(
      { comment, vote: comment.viewerVote === value ? null : value },
      {
        onError: (error) =>
          setProblem(isApiError(error) && error.status === 401 ? { kind: 'signedOut' } : { kind: 'other', text: `${t('discussion.votes.failed')} ${problemMessage(error)}` }),
      },
    );
  };

  return (
    <div className="comment-votes" role="group" aria-label={t('discussion.votes.groupLabel')}>
      <button
        type="button"
        className="comment-votes__button"
        data-direction="up"
        aria-pressed={comment.viewerVote === 1}
        aria-disabled={vote.isPending || undefined}
        onClick={() => cast(1)}
      >
        <svg viewBox="0 0 20 20" aria-hidden="true" focusable="false">
          <path d="M10 4 3.5 12h4v4h5v-4h4z" />
        </svg>
        <span className="visually-hidden">{t('discussion.votes.up')}</span>
      </button>
      {score}
      <button
        type="button"
        className="comment-votes__button"
        data-direction="down"
        aria-pressed={comment.viewerVote === -1}
        aria-disabled={vote.isPending || undefined}
        onClick={() => cast(-1)}
      >
        <svg viewBox="0 0 20 20" aria-hidden="true" focusable="false">
          <path d="M10 16 3.5 8h4V4h5v4h4z" />
        </svg>
        <span className="visually-hidden">{t('discussion.votes.down')}</span>
      </button>
      {problem && (
        <p className="comment-votes__problem" role="alert">
          {problem.kind === 'signedOut' ? (
            <>
              {t('discussion.votes.signedOut')} <Link to={signInPath}>{t('discussion.signIn.link')}</Link>
            </>
          ) : (
            problem.text
          )}
        </p>
      )}
    </div>
  );
}
