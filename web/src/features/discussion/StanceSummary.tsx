import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { COMMENT_STANCES, type StanceSummary as Stances } from '@city-spirit/shared';
import { useLocaleFormat } from '../../i18n/format.ts';

/**
 * How the comments stand: a bar of the three shares for the eye, and the same counts and shares
 * written out beside a marker of each colour (the bar itself is hidden from screen readers).
 */
export function StanceSummary({ stance }: { stance: Stances }) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const headingId = useId();
  const total = stance.support + stance.oppose + stance.neutral;
  return (
    <section className="stance-summary" aria-labelledby={headingId}>
      <h3 id={headingId} className="stance-summary__heading">
        {t('discussion.summary.heading')}
      </h3>
      {total === 0 ? (
        <p className="stance-summary__none">{t('discussion.summary.none')}</p>
      ) : (
        <>
          <StanceBar stance={stance} total={total} />
          <ul className="stance-summary__list">
            {COMMENT_STANCES.map((key) => (
              <li key={key} className="stance-summary__item" data-stance={key}>
                <span className="stance-summary__marker" aria-hidden="true" />
                {t('discussion.summary.item', {
                  stance: t(`discussion.stance.${key}`),
                  formatted: format.number(stance[key]),
                  percent: format.percent(stance[key] / total),
                })}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** The shares side by side, drawn in SVG so the page needs no inline styles (the CSP allows none). */
function StanceBar({ stance, total }: { stance: Stances; total: number }) {
  let start = 0;
  return (
    <svg className="stance-bar" viewBox="0 0 100 1" preserveAspectRatio="none" aria-hidden="true" focusable="false">
      {COMMENT_STANCES.map((key) => {
        const width = (stance[key] / total) * 100;
        const part = width > 0 ? <rect key={key} className="stance-bar__part" data-stance={key} x={start} y={0} width={width} height={1} /> : null;
        start += width;
        return part;
      })}
    </svg>
  );
}
