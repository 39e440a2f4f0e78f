import { useTranslation } from 'react-i18next';
import { ASSESSMENT_SCORE_MAX, type AssessmentSummary, type Criterion } from '@city-spirit/shared';
import { useCriterionText, useScoreFormat } from './panelText.ts';

type Props = { criteria: Criterion[]; summary: AssessmentSummary | undefined };

/** The panel's mean per criterion with how far the experts' scores spread ("4.3 ± 0.5"), a bar for the eye, and the same in words for screen readers. */
export function CriterionScores({ criteria, summary }: Props) {
  const { t } = useTranslation();
  const text = useCriterionText();
  const score = useScoreFormat();
  const experts = summary?.experts ?? 0;
  return (
    <table className="criterion-scores">
      <caption className="criterion-scores__caption">{experts > 0 ? t('panel.scores.caption', { count: experts }) : t('panel.scores.none')}</caption>
      <thead className="visually-hidden">
        <tr>
          <th scope="col">{t('panel.scores.criterion')}</th>
          <th scope="col">{t('panel.scores.mean')}</th>
        </tr>
      </thead>
      <tbody>
        {criteria.map((criterion) => {
          const result = summary?.criteria[criterion.key];
          const mean = result?.mean ?? summary?.means[criterion.key] ?? null;
          const spread = result?.spread ?? null;
          return (
            <tr key={criterion.key}>
              <th scope="row" className="criterion-scores__name">
                {text.name(criterion)}
              </th>
              <td className="criterion-scores__value">
                {mean === null ? (
                  <span className="criterion-scores__none">{t('panel.scores.noScore')}</span>
                ) : (
                  <>
                    <span className="criterion-scores__bar" aria-hidden="true">
                      <span className="criterion-scores__fill" style={{ width: `${(mean / ASSESSMENT_SCORE_MAX) * 100}%` }} />
                    </span>
                    <span className="criterion-scores__number" aria-hidden="true">
                      {score(mean)}
                      {experts > 1 && spread !== null && <span className="criterion-scores__spread"> ± {score(spread)}</span>}
                    </span>
                    <span className="visually-hidden">
                      {experts > 1 && spread !== null
                        ? t('panel.scores.readableSpread', { mean: score(mean), spread: score(spread), min: result?.min ?? '', max: result?.max ?? '' })
                        : t('panel.scores.readable', { mean: score(mean) })}
                    </span>
                  </>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
