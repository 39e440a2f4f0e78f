import { useId, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { canAdoptDraft, inDraftStatusSet, type Campaign, type Draft } from '@city-spirit/shared';
import { stageAllows } from '../../api/campaigns.ts';
import { isApiError } from '../../api/client.ts';
import { useSession } from '../../api/session.ts';
import { useLocaleFormat } from '../../i18n/format.ts';
import { authPath, paths } from '../../paths.ts';
import { textLang } from '../../ui/entryText.ts';
import { useProblemMessage } from '../../ui/useProblemMessage.ts';
import { useVoteForDraft } from './api/voteForDraft.ts';
import { AdoptDraft } from './AdoptDraft.tsx';

/** The query parameter naming the draft whose discussion is open. */
export const OPEN_DRAFT = 'draft';

/** `voteElsewhere`: the viewer's vote is on another draft, and pressing here moves it. */
type Props = { draft: Draft; campaign: Campaign; threadOpen: boolean; voteElsewhere: boolean; onAdopted: (slug: string) => void };

/** One published draft: its wording, why, what it grew from, the panel's and the residents' support, and the vote. */
export function DraftCard({ draft, campaign, threadOpen, voteElsewhere, onAdopted }: Props) {
  const { t } = useTranslation();
  const { user } = useSession();
  const format = useLocaleFormat();
  const wordingId = useId();
  const lang = textLang(draft.text);
  const adopted = draft.status === 'adopted';
  return (
    <li className={draft.viewerVoted ? 'draft-card draft-card--voted' : 'draft-card'} data-status={draft.status}>
      <article className="draft-card__body" aria-labelledby={wordingId}>
        <p className="draft-card__meta">
          <span>{t('drafts.card.version', { number: draft.version })}</span>
          {adopted && <span className="draft-card__adopted">{t('drafts.card.adopted')}</span>}
          {draft.viewerVoted && (
            <span className="draft-card__mine">
              <CheckIcon />
              {t('drafts.card.yourVote')}
            </span>
          )}
        </p>
        <h2 id={wordingId} className="draft-card__wording" lang={lang}>
          {draft.text}
        </h2>
        <figure className="draft-card__rationale">
          <figcaption className="draft-card__label">{t('drafts.card.rationale')}</figcaption>
          <blockquote lang={textLang(draft.rationale)}>{draft.rationale}</blockquote>
        </figure>
        {draft.sources.length > 0 && (
          <div className="draft-card__sources">
            <p className="draft-card__label">{t('drafts.card.sources')}</p>
            <ul className="draft-card__source-list">
              {draft.sources.map((source) => (
                <li key={source.id}>
                  <Link to={paths.entry(source.id)} lang={textLang(source.phrase)}>
                    {source.phrase}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        )}
        <dl className="draft-card__facts">
          <div>
            <dt>{t('drafts.card.endorsements')}</dt>
            <dd>{format.number(draft.endorsements)}</dd>
          </div>
          <div>
            <dt>{t('drafts.card.votes')}</dt>
            <dd data-testid="draft-votes">{format.number(draft.voteCount)}</dd>
          </div>
          <div>
            <dt>{t('drafts.card.comments')}</dt>
            <dd>{format.number(draft.commentCount)}</dd>
          </div>
        </dl>
        <div className="draft-card__actions">
          {stageAllows(campaign, 'voteOnDraft') && inDraftStatusSet('openToResidents', draft.status) && (
            <DraftVoteButton draft={draft} campaign={campaign} wordingId={wordingId} voteElsewhere={voteElsewhere} />
          )}
          <Link
            to={{ search: `?${new URLSearchParams({ [OPEN_DRAFT]: draft.id })}`, hash: '#draft-thread' }}
            preventScrollReset
            className="draft-card__discuss"
            aria-current={threadOpen ? 'true' : undefined}
            aria-describedby={wordingId}
          >
            {t('drafts.card.discuss', { count: draft.commentCount, formatted: format.number(draft.commentCount) })}
          </Link>
        </div>
        {canAdoptDraft(user ?? null) && stageAllows(campaign, 'adopt') && inDraftStatusSet('adoptable', draft.status) && (
          <AdoptDraft draft={draft} campaign={campaign} wordingId={wordingId} onAdopted={onAdopted} />
        )}
      </article>
    </li>
  );
}

type Problem = { kind: 'signedOut' | 'stageClosed' | 'other'; text?: string };

/**
 * The resident's one vote in the campaign, as a toggle (aria-pressed): pressing it on another draft
 * moves the vote here; pressing it again takes it back. The page's summary (a live region) says where it is.
 */
function DraftVoteButton({ draft, campaign, wordingId, voteElsewhere }: { draft: Draft; campaign: Campaign; wordingId: string; voteElsewhere: boolean }) {
  const { t } = useTranslation();
  const location = useLocation();
  const { user } = useSession();
  const vote = useVoteForDraft(campaign.slug);
  const problemMessage = useProblemMessage();
  const [problem, setProblem] = useState<Problem | null>(null);
  const pressed = draft.viewerVoted;

  const toggle = () => {
    if (user === null) {
      setProblem({ kind: 'signedOut' });
      return;
    }
    setProblem(null);
    vote.mutate(
      { draft, vote: !pressed },
      {
        onError: (error) => {
          if (isApiError(error) && error.status === 401) setProblem({ kind: 'signedOut' });
          else if (isApiError(error) && error.problem?.code === 'stage_closed') setProblem({ kind: 'stageClosed' });
          else setProblem({ kind: 'other', text: problemMessage(error) });
        },
      },
    );
  };

  return (
    <div className="draft-vote">
      <button
        type="button"
        className={pressed ? 'support__button support__button--pressed' : 'support__button'}
        aria-pressed={pressed}
        aria-describedby={wordingId}
        onClick={toggle}
      >
        <CheckIcon />
        {pressed ? t('drafts.vote.mine') : voteElsewhere ? t('drafts.vote.move') : t('drafts.vote.give')}
      </button>
      {pressed && <p className="draft-vote__hint">{t('drafts.vote.takeBackHint')}</p>}
      {problem && (
        <p className="support__problem" role="alert">
          {problem.kind === 'signedOut' && (
            <>
              {t('drafts.vote.signedOut')} <Link to={authPath('/sign-in', location.pathname + location.search)}>{t('drafts.stage.signInLink')}</Link>
            </>
          )}
          {problem.kind === 'stageClosed' && t('drafts.vote.stageClosed')}
          {problem.kind === 'other' && problem.text}
        </p>
      )}
    </div>
  );
}

function CheckIcon() {
  return (
    <svg className="support__icon draft-card__check" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      <path d="M4.5 10.5 8.5 14.5 15.5 6" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
