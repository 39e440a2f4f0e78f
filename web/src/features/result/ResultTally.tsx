import { useTranslation } from 'react-i18next';
import type { CampaignResult } from '@city-spirit/shared';
import { useLocaleFormat } from '../../i18n/format.ts';
import { textLang } from '../../ui/entryText.ts';

/** The residents' votes on every published draft, most first, as bars with their numbers. */
export function ResultTally({ tally }: { tally: CampaignResult['tally'] }) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const most = Math.max(1, ...tally.map((draft) => draft.voteCount));
  const total = tally.reduce((sum, draft) => sum + draft.voteCount, 0);
  return (
    <section className="result-section result-tally" aria-labelledby="result-tally-heading">
      <h2 id="result-tally-heading">{t('result.tallyHeading')}</h2>
      <p className="result-section__intro">{t('result.tallyIntro', { count: total, formatted: format.number(total) })}</p>
      <ol className="result-tally__list">
        {tally.map((draft) => (
          <li key={draft.draftId} className={draft.adopted ? 'result-tally__item result-tally__item--adopted' : 'result-tally__item'}>
            <p className="result-tally__text">
              <span lang={textLang(draft.text)}>{draft.text}</span>
              {draft.adopted && <span className="result-tally__adopted">{t('result.adoptedMark')}</span>}
            </p>
            <p className="result-tally__bar-row">
              <span className="result-tally__bar" aria-hidden="true">
                <span className="result-tally__fill" style={{ width: `${(draft.voteCount / most) * 100}%` }} />
              </span>
              <span className="result-tally__count">{t('result.votes', { count: draft.voteCount, formatted: format.number(draft.voteCount) })}</span>
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}
