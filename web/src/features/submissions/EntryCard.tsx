import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Submission } from '@city-spirit/shared';
import { useLocaleFormat } from '../../i18n/format.ts';
import { paths } from '../../paths.ts';
import { authorName, entryLang, excerpt } from '../../ui/entryText.ts';
import { entryState } from './entryState.ts';
import { StatusBadge } from './StatusBadge.tsx';

/** `support`: what the page puts under the entry to support it (the card knows nothing of votes). */
type Props = { submission: Submission; districtName: string | undefined; backTo: string; support?: ReactNode };

/** One entry in a list: the phrase (a link to its page), the start of its explanation, and who, where and how many votes. */
export function EntryCard({ submission, districtName, backTo, support }: Props) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const lang = entryLang(submission);
  return (
    <li className="entry-card" data-status={submission.status}>
      <h2 className="entry-card__phrase" lang={lang}>
        <Link to={paths.entry(submission.id)} state={entryState({ backTo })} className="entry-card__link">
          {submission.phrase}
        </Link>
      </h2>
      <StatusBadge status={submission.status} />
      {submission.explanation && (
        <p className="entry-card__excerpt" lang={lang}>
          {excerpt(submission.explanation)}
        </p>
      )}
      <dl className="entry-card__meta">
        <div className="entry-card__fact">
          <dt className="visually-hidden">{t('entries.author')}</dt>
          <dd>{authorName(t, submission.author)}</dd>
        </div>
        {districtName && (
          <div className="entry-card__fact">
            <dt className="visually-hidden">{t('entries.district')}</dt>
            <dd>{districtName}</dd>
          </div>
        )}
        {submission.voteCount !== null && (
          <div className="entry-card__fact entry-card__fact--votes">
            <dt className="visually-hidden">{t('entries.votes')}</dt>
            <dd>{t('entries.voteCount', { count: submission.voteCount, formatted: format.number(submission.voteCount) })}</dd>
          </div>
        )}
      </dl>
      {support}
    </li>
  );
}
