import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

type Props = {
  title: string;
  /** A sentence under the title: what the figures are and how they are counted. */
  lead: string;
  chart: ReactNode;
  table: ReactNode;
  /** Shown under both views, such as the entries from outside Chongqing. */
  footnote?: ReactNode;
};

/** A chart with the same figures as a table, one click apart: for screen readers, for copying, for checking. */
export function ChartCard({ title, lead, chart, table, footnote }: Props) {
  const { t } = useTranslation('insights');
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const headingId = useId();
  return (
    <section className="insights-card" aria-labelledby={headingId}>
      <header className="insights-card__header">
        <h2 id={headingId} className="insights-card__title">
          {title}
        </h2>
        <div className="insights-card__views" role="group" aria-label={t('viewLabel', { title })}>
          {(['chart', 'table'] as const).map((name) => (
            <button
              key={name}
              type="button"
              className="insights-card__view"
              aria-pressed={view === name}
              onClick={() => setView(name)}
            >
              {t(`views.${name}`)}
            </button>
          ))}
        </div>
      </header>
      <p className="insights-card__lead">{lead}</p>
      <div className="insights-card__body">{view === 'chart' ? chart : (
          // A long table scrolls inside the card: focusable, so a keyboard can scroll it too.
          <div className="insights-table-wrap" tabIndex={0} role="region" aria-label={t('tableLabel', { title })}>
            {table}
          </div>
        )}</div>
      {footnote && <div className="insights-card__footnote">{footnote}</div>}
    </section>
  );
}
