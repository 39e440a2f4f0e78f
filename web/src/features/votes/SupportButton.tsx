import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { canSupportSubmission, type Campaign, type Submission } from '@city-spirit/shared';
import { stageAllows } from '../../api/campaigns.ts';
import { isApiError } from '../../api/client.ts';
import { useSession } from '../../api/session.ts';
import { useLocaleFormat } from '../../i18n/format.ts';
import { authPath } from '../../paths.ts';
import { useProblemMessage } from '../../ui/useProblemMessage.ts';
import { useVote, voteBudgetQuery } from './api.ts';

/** Entries that can be supported; others (pending, withdrawn…) show no button. */
export function canSupport(campaign: Pick<Campaign, 'stage'> | undefined, submission: Submission): boolean {
  return campaign !== undefined && canSupportSubmission(submission, campaign.stage);
}

type Problem = 'signedOut' | 'limit' | 'stageClosed' | 'verify' | 'other';

/**
 * "Support" / "Supported": a toggle (aria-pressed). The count changes at once and goes back if the
 * server refuses; the budget left is shown after each vote, and a refusal is explained next to the button.
 */
export function SupportButton({ submission, compact = false }: { submission: Submission; compact?: boolean }) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const location = useLocation();
  const { user } = useSession();
  const vote = useVote();
  const problemMessage = useProblemMessage();
  const [problem, setProblem] = useState<{ kind: Problem; text?: string } | null>(null);
  const [showBudget, setShowBudget] = useState(false);
  const budget = useQuery({ ...voteBudgetQuery(submission.campaignSlug), enabled: showBudget && Boolean(user) }).data;
  const pressed = submission.viewerHasVoted;
  const phraseId = `support-${submission.id}`;

  const toggle = () => {
    if (user === null) {
      setProblem({ kind: 'signedOut' });
      return;
    }
    setProblem(null);
    vote.mutate(
      { submission, vote: !pressed },
      {
        onSuccess: () => setShowBudget(true),
        onError: (error) => {
          const code = isApiError(error) ? error.problem?.code : undefined;
          if (isApiError(error) && error.status === 401) setProblem({ kind: 'signedOut' });
          else if (code === 'vote_limit_reached') setProblem({ kind: 'limit' });
          else if (code === 'stage_closed') setProblem({ kind: 'stageClosed' });
          else if (isApiError(error) && error.status === 403) setProblem({ kind: 'verify' });
          else setProblem({ kind: 'other', text: problemMessage(error) });
        },
      },
    );
  };

  return (
    <div className={compact ? 'support support--compact' : 'support'}>
      <button
        type="button"
        className={pressed ? 'support__button support__button--pressed' : 'support__button'}
        aria-pressed={pressed}
        aria-describedby={phraseId}
        onClick={toggle}
      >
        <svg className="support__icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
          <path d="M10 17s-6.5-4.1-6.5-8.6A3.6 3.6 0 0 1 10 6a3.6 3.6 0 0 1 6.5 2.4C16.5 12.9 10 17 10 17z" />
        </svg>
        {pressed ? t('votes.supported') : t('votes.support')}
      </button>
      <span id={phraseId} className="visually-hidden">
        {submission.phrase}
      </span>
      <div className="support__status" role="status">
        {showBudget && budget && !problem && (
          <span className="support__budget">{t('votes.remaining', { count: budget.remaining, formatted: format.number(budget.remaining) })}</span>
        )}
      </div>
      {problem && (
        <p className="support__problem" role="alert">
          {problem.kind === 'signedOut' && (
            <>
              {t('votes.problems.signedOut')}{' '}
              <Link to={authPath('/sign-in', location.pathname + location.search)}>{t('votes.problems.signIn')}</Link>
            </>
          )}
          {problem.kind === 'limit' && t('votes.problems.limit')}
          {problem.kind === 'stageClosed' && t('votes.problems.stageClosed')}
          {problem.kind === 'verify' && (
            <>
              {t('votes.problems.verify')} <Link to="/account">{t('votes.problems.verifyLink')}</Link>
            </>
          )}
          {problem.kind === 'other' && problem.text}
        </p>
      )}
    </div>
  );
}

/** On the browse page, for signed-in residents: how many supports are left. */
export function VoteBudgetNote({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const { user } = useSession();
  const budget = useQuery({ ...voteBudgetQuery(slug), enabled: Boolean(user) }).data;
  if (!user || !budget) return null;
  return (
    <p className="vote-budget" role="status">
      {t('votes.remaining', { count: budget.remaining, formatted: format.number(budget.remaining) })}
      <span className="vote-budget__max"> {t('votes.budgetOf', { max: format.number(budget.max) })}</span>
    </p>
  );
}
