import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CampaignResult, Criterion } from '@city-spirit/shared';
import { useLocaleFormat } from '../../i18n/format.ts';
import { currentLocale } from '../../i18n/index.ts';
import { paths } from '../../paths.ts';
import { useDistrictName } from '../../ui/DistrictField.tsx';
import { textLang } from '../../ui/entryText.ts';

const oneDecimal = (value: number) => (Math.round(value * 10) / 10).toFixed(1);

type Source = CampaignResult['sources'][number];

/** The residents' entries the wording grew from, each with its support, its score, why it was shortlisted, and the panel's marks. */
export function ResultSources({ result }: { result: CampaignResult }) {
  const { t } = useTranslation();
  return (
    <section className="result-section result-sources" aria-labelledby="result-sources-heading">
      <h2 id="result-sources-heading">{t('result.sourcesHeading')}</h2>
      <p className="result-section__intro">{t('result.sourcesIntro')}</p>
      <ol className="result-sources__list">
        {result.sources.map((source) => (
          <ResultSource key={source.submission.id} source={source} criteria={result.criteria} />
        ))}
      </ol>
    </section>
  );
}

function ResultSource({ source, criteria }: { source: Source; criteria: Criterion[] }) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const locale = currentLocale();
  const district = useDistrictName()(source.submission.districtCode);
  const { submission, assessment } = source;
  return (
    <li className="result-source">
      <h3 className="result-source__phrase">
        <Link to={paths.entry(submission.id)} lang={textLang(submission.phrase)}>
          {submission.phrase}
        </Link>
      </h3>
      <p className="result-source__byline">
        <span>{submission.author.displayName}</span>
        {district && <span>{district}</span>}
      </p>
      <p className="result-source__date">
        <time dateTime={submission.createdAt}>{t('result.submittedOn', { date: format.date(submission.createdAt) })}</time>
      </p>
      <dl className="result-source__facts">
        <div>
          <dt>{t('entries.votes')}</dt>
          <dd>{format.number(submission.voteCount)}</dd>
        </div>
        <div>
          <dt>{t('shortlist.score')}</dt>
          <dd>{source.score === null ? t('shortlist.noScore') : oneDecimal(source.score)}</dd>
        </div>
        <div>
          <dt>{t('entry.comments')}</dt>
          <dd>{format.number(submission.commentCount)}</dd>
        </div>
        {source.inVersions.length > 0 && (
          <div>
            <dt>{t('result.inVersions')}</dt>
            <dd>{source.inVersions.map((number) => t('result.versionNumber', { number })).join(t('result.listSeparator'))}</dd>
          </div>
        )}
      </dl>
      {source.shortlistRationale && (
        <figure className="shortlist-entry__rationale">
          <figcaption className="shortlist-entry__rationale-label">{t('shortlist.rationale')}</figcaption>
          <blockquote lang={textLang(source.shortlistRationale)}>{source.shortlistRationale}</blockquote>
        </figure>
      )}
      {assessment.experts > 0 && (
        <div className="result-source__assessment">
          <p className="result-source__label">
            {t('result.assessment', { count: assessment.experts, overall: assessment.overall === null ? '–' : oneDecimal(assessment.overall) })}
          </p>
          <dl className="criteria-means">
            {criteria.map((criterion) => {
              const mean = assessment.means[criterion.key] ?? null;
              return (
                <div key={criterion.key} className="criteria-means__item">
                  <dt>{locale === 'en' ? criterion.nameEn : criterion.nameZh}</dt>
                  <dd>
                    <span className="criteria-means__bar" aria-hidden="true">
                      <span className="criteria-means__fill" style={{ width: `${((mean ?? 0) / 5) * 100}%` }} />
                    </span>
                    <span className="criteria-means__value">{mean === null ? '–' : t('result.outOfFive', { mean: oneDecimal(mean) })}</span>
                  </dd>
                </div>
              );
            })}
          </dl>
        </div>
      )}
    </li>
  );
}
