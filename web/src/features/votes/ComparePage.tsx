import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Campaign } from '@city-spirit/shared';
import { stageAllows } from '../../api/campaigns.ts';
import { isApiError } from '../../api/client.ts';
import { useSession } from '../../api/session.ts';
import { useLocaleFormat } from '../../i18n/format.ts';
import { authPath, paths } from '../../paths.ts';
import { ErrorView, LoadingView } from '../../ui/StateViews.tsx';
import { useDocumentTitle } from '../../ui/useDocumentTitle.ts';
import { useProblemMessage } from '../../ui/useProblemMessage.ts';
import { CampaignGate } from '../../ui/CampaignGate.tsx';
import { excerpt, textLang } from '../../ui/entryText.ts';
import { PageIntro } from '../../ui/PageIntro.tsx';
import { pairQuery, useAnswerPair } from './api.ts';

type Choice = 'left' | 'right' | 'skip';

export function ComparePage() {
  const { t } = useTranslation();
  return <CampaignGate loadingLabel={t('compare.loading')}>{(campaign) => <CompareView campaign={campaign} />}</CampaignGate>;
}

function CompareView({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const location = useLocation();
  useDocumentTitle(t('compare.title'));
  const open = stageAllows(campaign, 'pairwise');

  let body;
  if (!open) {
    body = (
      <EndView heading={t('compare.closedHeading')} text={t('compare.closedText')}>
        <Link to={paths.entries(campaign.slug)} className="button">
          {t('campaign.actions.browse')}
        </Link>
      </EndView>
    );
  } else if (user === null) {
    body = (
      <EndView heading={t('compare.signInHeading')} text={t('compare.signInText')}>
        <Link to={authPath('/sign-in', location.pathname)} className="button">
          {t('compare.signIn')}
        </Link>
      </EndView>
    );
  } else if (user === undefined) {
    body = <LoadingView label={t('compare.loading')} />;
  } else {
    body = <Pairs slug={campaign.slug} />;
  }

  return (
    <div className="compare">
      <PageIntro eyebrow={t('compare.eyebrow')} title={t('compare.title')} intro={t('compare.intro')} />
      <div className="container compare__body">{body}</div>
    </div>
  );
}

function EndView({ heading, text, children }: { heading: string; text: string; children?: ReactNode }) {
  return (
    <section className="compare__end panel" aria-labelledby="compare-end-heading">
      <h2 id="compare-end-heading" className="compare__end-heading">
        {heading}
      </h2>
      <p>{text}</p>
      {children && <p className="compare__end-actions">{children}</p>}
    </section>
  );
}

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

/** One pair at a time; the next is fetched while this one is read, so it appears at once. */
function Pairs({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const client = useQueryClient();
  const problemMessage = useProblemMessage();
  const [round, setRound] = useState(0);
  const [made, setMade] = useState(0);
  const [failure, setFailure] = useState<string | null>(null);
  const answer = useAnswerPair(slug);
  const current = useQuery(pairQuery(slug, round));
  // The next pair is asked for once this one is here (the server never hands out the same pair twice).
  useQuery({ ...pairQuery(slug, round + 1), enabled: current.isSuccess });
  const pickedRef = useRef<number | null>(null);

  const choose = useCallback(
    (choice: Choice) => {
      const pair = current.data;
      if (!pair || pickedRef.current === round) return;
      pickedRef.current = round;
      setFailure(null);
      answer.mutate(
        { token: pair.token, choice },
        {
          onSuccess: () => {
            if (choice !== 'skip') setMade((count) => count + 1);
          },
          onError: (error) => setFailure(`${t('compare.failed')} ${problemMessage(error)}`),
        },
      );
      // Pairs answered are not asked for again.
      client.removeQueries({ queryKey: pairQuery(slug, round).queryKey, exact: true });
      setRound(round + 1);
    },
    [answer, client, current.data, problemMessage, round, slug, t],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || isTyping(event.target)) return;
      const choice: Choice | undefined =
        event.key === 'ArrowLeft' ? 'left' : event.key === 'ArrowRight' ? 'right' : event.key === ' ' ? 'skip' : undefined;
      if (!choice) return;
      event.preventDefault(); // no scrolling, and Space on a focused card is not a second answer
      if (!event.repeat) choose(choice);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [choose]);

  const counter = (
    <p className="compare__counter" role="status">
      {t('compare.counter', { count: made, formatted: format.number(made) })}
    </p>
  );

  if (current.isError) {
    const code = isApiError(current.error) ? current.error.problem?.code : undefined;
    if (code === 'conflict' || code === 'stage_closed') {
      return (
        <>
          {counter}
          <EndView
            heading={code === 'conflict' ? t('compare.doneHeading') : t('compare.closedHeading')}
            text={code === 'conflict' ? t('compare.doneText') : t('compare.closedText')}
          >
            <Link to={paths.ranking(slug)} className="button">
              {t('compare.seeRanking')}
            </Link>
          </EndView>
        </>
      );
    }
    return <ErrorView error={current.error} onRetry={() => void current.refetch()} retrying={current.isFetching} />;
  }
  const pair = current.data;

  return (
    <>
      <div className="compare__bar">
        {counter}
        <Link to={paths.ranking(slug)} className="compare__ranking-link">
          {t('compare.seeRanking')}
        </Link>
      </div>
      {failure && (
        <p className="compare__failure" role="alert">
          {failure}
        </p>
      )}
      {pair ? (
        <div className="compare__pair" role="group" aria-label={t('compare.choicesLabel')}>
          {(['left', 'right'] as const).map((side) => {
            const entry = pair[side];
            return (
              // The card's name is all its visible text, "Option 1: phrase, explanation, Choose this one", so speech input finds it by what it shows.
              <button key={`${round}-${side}`} type="button" className={`compare__card compare__card--${side}`} onClick={() => choose(side)}>
                <span className="compare__side">
                  {side === 'left' ? t('compare.first') : t('compare.second')}
                  <span className="visually-hidden">：</span>
                </span>
                <span className="compare__phrase" lang={textLang(entry.phrase)}>
                  {entry.phrase}
                </span>
                {entry.explanation && (
                  <span className="compare__explanation" lang={textLang(entry.explanation)}>
                    {excerpt(entry.explanation)}
                  </span>
                )}
                <span className="compare__choose">{t('compare.chooseThis')}</span>
              </button>
            );
          })}
        </div>
      ) : (
        <p className="compare__loading" role="status">
          <span className="spinner" aria-hidden="true" />
          {t('compare.loading')}
        </p>
      )}
      <p className="compare__skip">
        <button type="button" className="button button--secondary" onClick={() => choose('skip')} disabled={!pair}>
          {t('compare.skip')}
        </button>
      </p>
      <p className="compare__hint">{t('compare.keyboardHint')}</p>
    </>
  );
}
