import { useTranslation } from 'react-i18next';
import type { CampaignCounts } from '@city-spirit/shared';
import { useLocaleFormat } from '../../i18n/format.ts';

/** `updatedAt` is absent while the counts shown come from another page's data. */
type Props = { counts: CampaignCounts; updatedAt: number | undefined; stale: boolean };

const COUNT_NAMES = ['submissions', 'participants', 'districts'] as const;

export function ParticipationCounts({ counts, updatedAt, stale }: Props) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  return (
    <section className="panel counts" aria-labelledby="counts-heading">
      <h2 id="counts-heading" className="counts__heading">
        {t('campaign.countsHeading')}
      </h2>
      <dl className="counts__list">
        {COUNT_NAMES.map((name) => (
          <div key={name} className="counts__item">
            <dt className="counts__label">{t(`campaign.counts.${name}`)}</dt>
            <dd className="counts__value">{format.number(counts[name])}</dd>
          </div>
        ))}
      </dl>
      {stale ? (
        <p className="counts__updated">{t('campaign.countsStale')}</p>
      ) : updatedAt ? (
        <p className="counts__updated">{t('campaign.countsUpdated', { time: format.time(updatedAt) })}</p>
      ) : null}
    </section>
  );
}
