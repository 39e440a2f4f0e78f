import { useId, useRef, useState, type FormEvent, type Ref } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { moderationReasonSchema, type Campaign, type DuplicateClusters as Clusters } from '@city-spirit/shared';
import { useLocaleFormat } from '../../i18n/format.ts';
import { paths } from '../../paths.ts';
import { CharacterCount } from '../../ui/CharacterCount.tsx';
import { textLang } from '../../ui/entryText.ts';
import { TextAreaField } from '../../ui/Field.tsx';
import { ErrorView, LoadingView } from '../../ui/StateViews.tsx';
import { useConfirmStep } from '../../ui/useConfirmStep.ts';
import { useProblemMessage } from '../../ui/useProblemMessage.ts';
import { duplicateClustersQuery } from './api/getDuplicateClusters.ts';
import { useMergeCluster, type EntryMergeOutcome } from './api/mergeCluster.ts';
import { statusText } from './statusText.ts';

const REASON_MAX = 500;

type Cluster = Clusters['items'][number];
type ClusterEntry = Cluster['entries'][number];

/** What a finished merge of a cluster came to, kept at the list's level: the cluster itself leaves the list when it is read again. */
type MergeResult = { kept: ClusterEntry; outcomes: { entry: ClusterEntry; outcome: EntryMergeOutcome }[] };

/** The near-duplicates of a campaign, largest clusters first, each with a merge into the entry the moderator keeps. */
export function DuplicateClusters({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const query = useQuery(duplicateClustersQuery(campaign.slug));
  const [result, setResult] = useState<MergeResult | null>(null);
  const resultRef = useRef<HTMLElement>(null);

  if (query.isPending) return <LoadingView label={t('clusters.loading')} />;
  if (query.isError) return <ErrorView error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />;
  const { items, pending } = query.data;

  const merged = (next: MergeResult) => {
    setResult(next);
    requestAnimationFrame(() => resultRef.current?.focus());
  };

  return (
    <section className="clusters" aria-labelledby="clusters-heading">
      <h2 id="clusters-heading" className="clusters__heading">
        {t('clusters.heading')}
      </h2>
      <p className="clusters__intro">{t('clusters.intro')}</p>
      <div className="moderation__bar">
        <p className="moderation__count">{t('clusters.count', { count: items.length })}</p>
        <button type="button" className="link-button" onClick={() => void query.refetch()} aria-disabled={query.isFetching || undefined}>
          {query.isFetching ? t('clusters.refreshing') : t('clusters.refresh')}
        </button>
      </div>
      {pending > 0 && <p className="clusters__pending">{t('clusters.pending', { count: pending })}</p>}
      <div role="status">{result && <MergeReport ref={resultRef} result={result} />}</div>
      {items.length === 0 ? (
        <p className="moderation__empty">{t('clusters.empty')}</p>
      ) : (
        <ol className="clusters__list">
          {items.map((cluster, index) => (
            <li key={cluster.entries.map((entry) => entry.id).join(':')}>
              <ClusterCard cluster={cluster} number={index + 1} campaignSlug={campaign.slug} onMerged={merged} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function ClusterCard({ cluster, number, campaignSlug, onMerged }: { cluster: Cluster; number: number; campaignSlug: string; onMerged: (result: MergeResult) => void }) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const headingId = useId();
  const { entries } = cluster;
  // Sorted by votes, most first.
  const mostVotes = entries[0]!;
  return (
    <article className="cluster" aria-labelledby={headingId}>
      <h3 id={headingId} className="cluster__heading">
        {t('clusters.clusterHeading', { number: format.number(number), count: entries.length })}
      </h3>
      <ul className="cluster__entries">
        {entries.map((entry) => (
          <li key={entry.id} className="cluster__entry">
            <Link to={paths.entry(entry.id)} className="cluster__phrase" lang={textLang(entry.phrase)}>
              {entry.phrase}
            </Link>
            <span className="cluster__facts">
              <span>{t('clusters.votes', { count: entry.voteCount })}</span>
              <span>{t('clusters.similarity', { percent: format.percent(entry.similarity) })}</span>
              {entry === mostVotes && entries.length > 1 && entry.voteCount > (entries[1]?.voteCount ?? 0) && (
                <span className="cluster__most">{t('clusters.mostVotes')}</span>
              )}
            </span>
          </li>
        ))}
      </ul>
      <MergeStep cluster={cluster} campaignSlug={campaignSlug} onMerged={onMerged} />
    </article>
  );
}

function MergeStep({ cluster, campaignSlug, onMerged }: { cluster: Cluster; campaignSlug: string; onMerged: (result: MergeResult) => void }) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const idPrefix = useId();
  const mergeCluster = useMergeCluster();
  const { entries } = cluster;
  const [keepId, setKeepId] = useState(entries[0]!.id);
  const [reasonDraft, setReasonDraft] = useState<string | null>(null);
  const [reasonProblem, setReasonProblem] = useState<string | null>(null);
  const [done, setDone] = useState(0);
  const reasonField = useRef<HTMLTextAreaElement>(null);
  const { confirming, start, cancel, confirmHeading, startButton, headingId } = useConfirmStep(() => {
    setReasonProblem(null);
    setReasonDraft(null);
  });
  const kept = entries.find((entry) => entry.id === keepId) ?? entries[0]!;
  const others = entries.filter((entry) => entry.id !== kept.id);
  // The suggestion follows the kept entry until the moderator writes their own.
  const reason = reasonDraft ?? t('clusters.reasonSuggestion', { phrase: kept.phrase });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mergeCluster.isPending) return;
    const parsed = moderationReasonSchema.safeParse(reason);
    if (!parsed.success) {
      setReasonProblem(Array.from(reason.trim()).length > REASON_MAX ? t('clusters.reasonTooLong', { max: REASON_MAX }) : t('clusters.reasonRequired'));
      reasonField.current?.focus();
      return;
    }
    setReasonProblem(null);
    setDone(0);
    mergeCluster.mutate(
      { campaignSlug, keepId: kept.id, mergeIds: others.map((entry) => entry.id), reason: parsed.data, onProgress: setDone },
      {
        onSuccess: (outcomes) =>
          onMerged({ kept, outcomes: outcomes.map((outcome) => ({ entry: others.find((entry) => entry.id === outcome.id)!, outcome })) }),
      },
    );
  }

  if (!confirming) {
    return (
      <div className="cluster__merge">
        <button ref={startButton} type="button" className="button button--secondary button--small" onClick={start}>
          {t('clusters.start')}
        </button>
      </div>
    );
  }

  return (
    <form className="form cluster__merge cluster__merge--confirming" role="group" aria-labelledby={headingId} onSubmit={submit} noValidate>
      <h4 id={headingId} ref={confirmHeading} tabIndex={-1} className="queue-item__subheading">
        {t('clusters.confirmHeading')}
      </h4>
      <fieldset className="choice-group">
        <legend className="field__label">{t('clusters.keepLegend')}</legend>
        <div className="cluster__keep">
          {entries.map((entry) => (
            <label key={entry.id} className="choice choice--compact">
              <input
                type="radio"
                name={`${idPrefix}-keep`}
                value={entry.id}
                checked={entry.id === kept.id}
                disabled={mergeCluster.isPending}
                onChange={() => setKeepId(entry.id)}
              />
              <span lang={textLang(entry.phrase)}>{entry.phrase}</span>
              <span className="cluster__keep-votes">{t('clusters.votes', { count: entry.voteCount })}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <p className="cluster__what">{t('clusters.what', { count: others.length, phrase: kept.phrase })}</p>
      <TextAreaField
        ref={reasonField}
        id={`${idPrefix}-reason`}
        label={t('clusters.reasonLabel')}
        hint={t('clusters.reasonHint')}
        rows={2}
        value={reason}
        readOnly={mergeCluster.isPending}
        onValueChange={(value) => {
          setReasonDraft(value);
          setReasonProblem(null);
        }}
        error={reasonProblem ?? undefined}
        below={<CharacterCount text={reason} max={REASON_MAX} />}
      />
      <p className="cluster__progress" aria-live="polite">
        {mergeCluster.isPending ? t('clusters.progress', { done: format.number(done), total: format.number(others.length) }) : ''}
      </p>
      <div className="form__actions">
        <button type="submit" className="button" aria-disabled={mergeCluster.isPending || undefined}>
          {t('clusters.confirm', { count: others.length })}
        </button>
        <button type="button" className="button button--secondary" onClick={cancel} disabled={mergeCluster.isPending}>
          {t('clusters.cancel')}
        </button>
      </div>
    </form>
  );
}

function MergeReport({ result, ref }: { result: MergeResult; ref: Ref<HTMLElement> }) {
  const { t } = useTranslation();
  const problemMessage = useProblemMessage();
  const merged = result.outcomes.filter(({ outcome }) => outcome.kind === 'merged').length;
  const outcomeText = (outcome: EntryMergeOutcome) => {
    switch (outcome.kind) {
      case 'merged':
        return t('clusters.merged');
      case 'conflict':
        if (!outcome.currentStatus) return t('clusters.conflictOther');
        return t(outcome.keptChanged ? 'clusters.conflictKept' : 'clusters.conflictStatus', { status: statusText(t, outcome.currentStatus) });
      case 'failed':
        return t('clusters.failed', { message: problemMessage(outcome.error) });
    }
  };
  return (
    <section ref={ref} tabIndex={-1} className="cluster-report" data-complete={merged === result.outcomes.length || undefined} aria-labelledby="cluster-report-heading">
      <h3 id="cluster-report-heading" className="cluster-report__heading">
        {t('clusters.resultHeading', { phrase: result.kept.phrase })}
      </h3>
      <p className="cluster-report__summary">{t('clusters.resultSummary', { merged, total: result.outcomes.length })}</p>
      <ul className="cluster-report__list">
        {result.outcomes.map(({ entry, outcome }) => (
          <li key={entry.id} data-kind={outcome.kind}>
            <Link to={paths.entry(entry.id)} lang={textLang(entry.phrase)}>
              {entry.phrase}
            </Link>
            {' · '}
            {outcomeText(outcome)}
          </li>
        ))}
      </ul>
    </section>
  );
}
