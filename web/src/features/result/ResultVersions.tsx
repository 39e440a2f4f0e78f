import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CampaignResult, DraftVersion } from '@city-spirit/shared';
import { useLocaleFormat } from '../../i18n/format.ts';
import { textLang } from '../../ui/entryText.ts';
import { draftDiffQuery } from './api/getDraftDiff.ts';

/** The adopted draft's versions, oldest first, each with why it changed and what changed from the one before. */
export function ResultVersions({ result }: { result: CampaignResult }) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  return (
    <section className="result-section result-versions" aria-labelledby="result-versions-heading">
      <h2 id="result-versions-heading">{t('result.versionsHeading')}</h2>
      <p className="result-section__intro">{t('result.versionsIntro', { count: result.versions.length, formatted: format.number(result.versions.length) })}</p>
      <ol className="result-versions__list">
        {result.versions.map((version, index) => (
          <li key={version.number} className="result-version">
            <p className="result-version__meta">
              <span className="result-version__number">{t('result.versionHeading', { number: version.number })}</span>
              <span>{version.author.displayName}</span>
              <time dateTime={version.createdAt}>{format.date(version.createdAt)}</time>
            </p>
            {index === 0 ? (
              <p className="result-version__text" lang={textLang(version.text)}>
                {version.text}
              </p>
            ) : (
              <VersionDiff draftId={result.draft.id} from={result.versions[index - 1]!} to={version} />
            )}
            <figure className="result-version__rationale">
              <figcaption className="result-source__label">{t('result.versionRationale')}</figcaption>
              <blockquote lang={textLang(version.rationale)}>{version.rationale}</blockquote>
            </figure>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The version's wording with what was taken out struck through and what was put in underlined, each also named for screen readers. */
function VersionDiff({ draftId, from, to }: { draftId: string; from: DraftVersion; to: DraftVersion }) {
  const { t } = useTranslation();
  const diff = useQuery(draftDiffQuery(draftId, from.number, to.number));
  const lang = textLang(to.text);
  if (!diff.data) {
    return (
      <p className="result-version__text" lang={lang}>
        {to.text}
        {diff.isError && <span className="result-version__diff-note">{t('result.diffFailed')}</span>}
      </p>
    );
  }
  return (
    <>
      <p className="result-version__text result-version__diff" lang={lang}>
        {diff.data.changes.map((change, index) =>
          change.added ? (
            <ins key={index}>
              <span className="visually-hidden">{t('result.diff.addedStart')}</span>
              {change.value}
              <span className="visually-hidden">{t('result.diff.addedEnd')}</span>
            </ins>
          ) : change.removed ? (
            <del key={index}>
              <span className="visually-hidden">{t('result.diff.removedStart')}</span>
              {change.value}
              <span className="visually-hidden">{t('result.diff.removedEnd')}</span>
            </del>
          ) : (
            <span key={index}>{change.value}</span>
          ),
        )}
      </p>
      <p className="result-version__legend">
        {t('result.diff.legend', { from: from.number })} <del>{t('result.diff.removed')}</del> <ins>{t('result.diff.added')}</ins>
      </p>
    </>
  );
}
