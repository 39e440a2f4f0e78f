import { useTranslation } from 'react-i18next';
import type { CampaignFigures } from '@city-spirit/shared';
import { useLocaleFormat } from '../../i18n/format.ts';

/** In the order the poster takes its first four. */
export const FIGURE_NAMES = ['entries', 'participants', 'districts', 'votes', 'comparisons', 'comments', 'draftVotes'] as const satisfies readonly (keyof CampaignFigures)[];

export function ResultFigures({ figures }: { figures: CampaignFigures }) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  return (
    <section className="result-section result-figures" aria-labelledby="result-figures-heading">
      <h2 id="result-figures-heading">{t('result.figuresHeading')}</h2>
      <dl className="result-figures__list">
        {FIGURE_NAMES.map((name) => (
          <div key={name} className="result-figures__item">
            <dt>{t(`result.figures.${name}`)}</dt>
            <dd>{format.number(figures[name])}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
