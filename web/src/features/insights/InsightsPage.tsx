import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Campaign, CampaignStats } from '@city-spirit/shared';
import { useLocaleFormat } from '../../i18n/format.ts';
import { currentLocale } from '../../i18n/index.ts';
import { paths } from '../../paths.ts';
import { campaignText } from '../../ui/campaignText.ts';
import { CampaignGate } from '../../ui/CampaignGate.tsx';
import { PageIntro } from '../../ui/PageIntro.tsx';
import { ErrorView, LoadingView } from '../../ui/StateViews.tsx';
import { useDocumentTitle } from '../../ui/useDocumentTitle.ts';
import { consensusQuery } from './api/getConsensus.ts';
import { statsQuery } from './api/getStats.ts';
import { ConsensusChart } from './ConsensusChart.tsx';
import { DistrictsChart } from './DistrictsChart.tsx';
import { FunnelChart } from './FunnelChart.tsx';
import { ParticipationChart } from './ParticipationChart.tsx';
import { StanceChart } from './StanceChart.tsx';
import { TermsChart } from './TermsChart.tsx';
import './insights.css';
import './messages.ts';

/** What the city says, where, and how the conversation moved: the campaign's figures at a glance, kept live. */
export function InsightsPage() {
  const { t } = useTranslation('insights');
  return <CampaignGate loadingLabel={t('loading')}>{(campaign) => <InsightsView campaign={campaign} />}</CampaignGate>;
}

function InsightsView({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation('insights');
  useDocumentTitle(t('title'));
  const stats = useQuery(statsQuery(campaign.slug));
  const consensus = useQuery(consensusQuery(campaign.slug));
  const title = campaignText(campaign, currentLocale()).title;
  return (
    <div className="insights">
      <PageIntro eyebrow={title} title={t('title')} intro={t('intro')} />
      <div className="container insights__body">
        {stats.isPending && <LoadingView label={t('loading')} />}
        {stats.isError && <ErrorView error={stats.error} onRetry={() => void stats.refetch()} retrying={stats.isFetching} />}
        {stats.data && (
          <>
            <Summary stats={stats.data} />
            <div className="insights__grid">
              <ParticipationChart perDay={stats.data.perDay} />
              <TermsChart slug={campaign.slug} topTerms={stats.data.topTerms} />
              <DistrictsChart perDistrict={stats.data.perDistrict} outside={stats.data.outside} />
              {consensus.data && <ConsensusChart consensus={consensus.data} />}
              {consensus.isError && <ErrorView error={consensus.error} onRetry={() => void consensus.refetch()} retrying={consensus.isFetching} />}
              <StanceChart stance={stats.data.stance} />
              <FunnelChart funnel={stats.data.funnel} />
            </div>
            <Process slug={campaign.slug} stats={stats.data} />
          </>
        )}
        <p className="insights__open-data">
          {t('openDataLead')} <Link to={paths.openData(campaign.slug)}>{t('openDataLink')}</Link>
        </p>
      </div>
    </div>
  );
}

/** The totals, and when they were read: the page reads them again as the campaign's events arrive. */
function Summary({ stats }: { stats: CampaignStats }) {
  const { t } = useTranslation('insights');
  const format = useLocaleFormat();
  const sum = (name: 'entries' | 'votes' | 'comments') => stats.perDay.reduce((total, day) => total + day[name], 0);
  // Every participant lives in one district or none, so the districts and "outside" add up to them all.
  const participants = stats.perDistrict.reduce((total, district) => total + district.participants, stats.outside.participants);
  const figures = [
    ['participants', participants],
    ['entries', sum('entries')],
    ['votes', sum('votes')],
    ['comments', sum('comments')],
  ] as const;
  return (
    <section className="insights-summary" aria-labelledby="insights-summary">
      <h2 id="insights-summary" className="visually-hidden">
        {t('summary.heading')}
      </h2>
      <dl className="insights-summary__list">
        {figures.map(([name, value]) => (
          <div key={name} className="insights-summary__item">
            <dt>{t(`summary.${name}`)}</dt>
            <dd>{format.number(value)}</dd>
          </div>
        ))}
      </dl>
      <p className="insights-summary__live" aria-live="polite">
        {t('summary.asOf', { time: format.time(Date.parse(stats.generatedAt)) })}
      </p>
    </section>
  );
}

/** The stages as they actually ran, and how moderation kept up. */
function Process({ slug, stats }: { slug: string; stats: CampaignStats }) {
  const { t } = useTranslation('insights');
  const { t: appText } = useTranslation();
  const format = useLocaleFormat();
  const { moderation } = stats;
  return (
    <div className="insights__process">
      <section className="insights-card" aria-labelledby="insights-stages">
        <h2 id="insights-stages" className="insights-card__title">
          {t('stages.title')}
        </h2>
        <ol className="insights-stages">
          {stats.stages.map((stage) => (
            <li key={stage.stage}>
              <span className="insights-stages__name">{appText(`stages.${stage.stage}.name`)}</span>{' '}
              <time dateTime={stage.startedAt}>{t('stages.began', { date: format.date(stage.startedAt) })}</time>
            </li>
          ))}
        </ol>
      </section>
      <section className="insights-card" aria-labelledby="insights-moderation">
        <h2 id="insights-moderation" className="insights-card__title">
          {t('moderation.title')}
        </h2>
        <dl className="insights-figures">
          <div>
            <dt>{t('moderation.reports')}</dt>
            <dd>{format.number(moderation.reports)}</dd>
          </div>
          <div>
            <dt>{t('moderation.actions')}</dt>
            <dd>{format.number(moderation.actions)}</dd>
          </div>
          <div>
            <dt>{t('moderation.median')}</dt>
            <dd>{moderation.medianMinutesToAction === null ? t('moderation.noneYet') : format.duration(moderation.medianMinutesToAction * 60)}</dd>
          </div>
        </dl>
        <p className="insights-card__lead">
          <Link to={paths.moderationLog(slug)}>{t('moderation.toLog')}</Link>
        </p>
      </section>
    </div>
  );
}
