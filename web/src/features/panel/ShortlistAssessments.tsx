import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { AssessmentSummary, Campaign, Criterion, ShortlistItem } from '@city-spirit/shared';
import { stageAllows } from '../../api/campaigns.ts';
import { shortlistQuery } from '../../api/shortlist.ts';
import { useLocaleFormat } from '../../i18n/format.ts';
import { useRelativeTime } from '../../i18n/relativeTime.ts';
import { paths } from '../../paths.ts';
import { textLang } from '../../ui/entryText.ts';
import { ErrorView, LoadingView } from '../../ui/StateViews.tsx';
import { useAssessments } from './api/listAssessments.ts';
import { useCriteria } from './api/listCriteria.ts';
import { AssessmentForm } from './AssessmentForm.tsx';
import { CriterionScores } from './CriterionScores.tsx';
import { Disclosure } from './Disclosure.tsx';
import { PanelNotes } from './PanelNotes.tsx';
import { useScoreFormat } from './panelText.ts';

/** The shortlist beside the panel's assessments: each entry with its residents' figures, the panel's scores, the expert's own form and the panel's notes. */
export function ShortlistAssessments({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const shortlist = useQuery(shortlistQuery(campaign.slug));
  const assessments = useAssessments(campaign.slug);
  const criteria = useCriteria(campaign.slug);
  const failed = [shortlist, assessments, criteria].find((query) => query.isError);
  if (failed) return <ErrorView error={failed.error} onRetry={() => void failed.refetch()} retrying={failed.isFetching} />;
  if (!shortlist.data || !assessments.data || !criteria.data) return <LoadingView label={t('panel.entries.loading')} />;
  if (shortlist.data.items.length === 0) {
    return (
      <p className="panel-page__empty">
        {t('panel.entries.empty')} <Link to={paths.shortlist(campaign.slug)}>{t('panel.entries.toShortlist')}</Link>
      </p>
    );
  }
  const summaries = new Map(assessments.data.items.map((summary) => [summary.submissionId, summary]));
  return (
    <section aria-labelledby="panel-entries-heading">
      <h2 id="panel-entries-heading" className="visually-hidden">
        {t('panel.tabs.entries')}
      </h2>
      <p className="panel-page__lead">{t('panel.entries.intro')}</p>
      <ol className="panel-entries">
        {shortlist.data.items.map((item) => (
          <li key={item.submission.id}>
            <EntryCard campaign={campaign} item={item} summary={summaries.get(item.submission.id)} criteria={criteria.data.items} />
          </li>
        ))}
      </ol>
    </section>
  );
}

type CardProps = { campaign: Campaign; item: ShortlistItem; summary: AssessmentSummary | undefined; criteria: Criterion[] };

function EntryCard({ campaign, item, summary, criteria }: CardProps) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const score = useScoreFormat();
  const { submission } = item;
  const headingId = `panel-entry-${submission.id}`;
  const canAssess = stageAllows(campaign, 'assess');
  return (
    <article className="panel-entry" aria-labelledby={headingId}>
      <header className="panel-entry__head">
        <h3 id={headingId} className="panel-entry__phrase">
          <Link to={paths.entry(submission.id)} lang={textLang(submission.phrase)}>
            {submission.phrase}
          </Link>
        </h3>
        <p className="panel-entry__byline">{submission.author.displayName}</p>
      </header>
      <div className="panel-entry__layout">
        <div className="panel-entry__about">
          <figure className="panel-entry__rationale">
            <figcaption className="panel-entry__label">{t('panel.entries.rationale')}</figcaption>
            <blockquote lang={textLang(item.rationale)}>{item.rationale}</blockquote>
          </figure>
          <dl className="panel-facts">
            <div>
              <dt>{t('panel.entries.votes')}</dt>
              <dd>{item.voteCount === null ? '—' : format.number(item.voteCount)}</dd>
            </div>
            <div>
              <dt>{t('panel.entries.pairwise')}</dt>
              <dd>{item.score === null ? '—' : score(item.score)}</dd>
            </div>
            <div>
              <dt>{t('panel.entries.experts')}</dt>
              <dd>{format.number(summary?.experts ?? 0)}</dd>
            </div>
            <div>
              <dt>{t('panel.entries.overall')}</dt>
              <dd className="panel-facts__overall">{summary?.overall == null ? '—' : score(summary.overall)}</dd>
            </div>
          </dl>
        </div>
        <CriterionScores criteria={criteria} summary={summary} />
      </div>
      {summary && summary.notes.length > 0 && <ExpertScoreNotes notes={summary.notes} />}
      <div className="panel-entry__tools">
        {canAssess ? (
          <Disclosure label={summary?.mine ? t('panel.assessment.change') : t('panel.assessment.open')} openLabel={t('panel.assessment.close')}>
            {() => <AssessmentForm campaign={campaign} submissionId={submission.id} criteria={criteria} mine={summary?.mine ?? null} />}
          </Disclosure>
        ) : (
          <p className="panel-entry__closed">{t('panel.assessment.closed')}</p>
        )}
        <Disclosure label={t('panel.notes.open')} openLabel={t('panel.notes.close')}>
          {() => <PanelNotes campaign={campaign} target={{ type: 'submission', id: submission.id }} headingLevel={4} />}
        </Disclosure>
      </div>
    </article>
  );
}

function ExpertScoreNotes({ notes }: { notes: AssessmentSummary['notes'] }) {
  const { t } = useTranslation();
  const time = useRelativeTime();
  return (
    <div className="panel-entry__score-notes">
      <h4 className="panel-entry__label">{t('panel.entries.scoreNotes')}</h4>
      <ul className="score-notes">
        {notes.map((note) => (
          <li key={`${note.expert.displayName}-${note.updatedAt}`} className="score-notes__item">
            <p className="score-notes__meta">
              <span className="score-notes__author">{note.expert.displayName}</span>{' '}
              <time dateTime={note.updatedAt}>{time(note.updatedAt)}</time>
            </p>
            <p className="score-notes__body" lang={textLang(note.note)}>
              {note.note}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
