import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Campaign, CampaignResult } from '@city-spirit/shared';
import { stageAllows } from '../../api/campaigns.ts';
import { isApiError } from '../../api/client.ts';
import { useLocaleFormat } from '../../i18n/format.ts';
import { currentLocale } from '../../i18n/index.ts';
import { paths } from '../../paths.ts';
import { campaignText } from '../../ui/campaignText.ts';
import { CampaignGate } from '../../ui/CampaignGate.tsx';
import { textLang } from '../../ui/entryText.ts';
import { PageIntro } from '../../ui/PageIntro.tsx';
import { ShareButton } from '../../ui/ShareButton.tsx';
import { ErrorView, LoadingView } from '../../ui/StateViews.tsx';
import { useDocumentTitle } from '../../ui/useDocumentTitle.ts';
import { resultQuery } from './api/getResult.ts';
import { PosterButton } from './PosterButton.tsx';
import type { PosterContent } from './poster.ts';
import { ResultEndorsements } from './ResultEndorsements.tsx';
import { FIGURE_NAMES, ResultFigures } from './ResultFigures.tsx';
import { ResultSources } from './ResultSources.tsx';
import { ResultStages } from './ResultStages.tsx';
import { ResultTally } from './ResultTally.tsx';
import { ResultVersions } from './ResultVersions.tsx';

/** The announced wording, and the story of how it came from residents' first phrases. */
export function ResultPage() {
  const { t } = useTranslation();
  return <CampaignGate loadingLabel={t('result.loading')}>{(campaign) => <ResultView campaign={campaign} />}</CampaignGate>;
}

function ResultView({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const query = useQuery(resultQuery(campaign.slug));
  if (query.data) return <AnnouncedResult campaign={campaign} result={query.data} />;
  if (query.isError && isApiError(query.error) && query.error.status === 404) return <NotAnnounced campaign={campaign} />;
  if (query.isError) return <ErrorView error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />;
  return <LoadingView label={t('result.loading')} />;
}

function NotAnnounced({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  useDocumentTitle(t('result.pending.title'));
  const refining = stageAllows(campaign, 'voteOnDraft');
  return (
    <div className="result result--pending">
      <PageIntro eyebrow={t('result.eyebrow')} title={t('result.pending.title')} intro={refining ? t('result.pending.refine') : t('result.pending.before', { stage: t(`stages.${campaign.stage}.name`) })}>
        <p className="hero__buttons">
          {refining && (
            <Link to={paths.drafts(campaign.slug)} className="button">
              {t('result.pending.toDrafts')}
            </Link>
          )}
          <Link to={{ pathname: paths.home, hash: '#process' }} className={refining ? 'button button--secondary' : 'button'}>
            {t('result.pending.toProcess')}
          </Link>
        </p>
      </PageIntro>
    </div>
  );
}

function AnnouncedResult({ campaign, result }: { campaign: Campaign; result: CampaignResult }) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const title = campaignText(campaign, currentLocale()).title;
  useDocumentTitle(t('result.title', { wording: result.wording }));
  const lang = textLang(result.wording);
  const url = new URL(paths.result(campaign.slug), window.location.origin).toString();
  const adopted = t('result.adoptedOn', { date: format.date(result.adoptedAt) });
  const poster: PosterContent = {
    eyebrow: t('result.poster.eyebrow'),
    title,
    wording: result.wording,
    wordingLang: lang === 'en' ? 'en' : 'zh-CN',
    lang: currentLocale(),
    figures: FIGURE_NAMES.slice(0, 4).map((name) => ({ value: format.number(result.figures[name]), label: t(`result.figures.${name}`) })),
    adopted,
    footer: t('result.poster.footer', { host: window.location.host }),
  };

  return (
    <article className="result" aria-labelledby="result-wording">
      <header className="result__hero">
        <div className="container result__hero-inner">
          <p className="result__eyebrow">
            {t('result.eyebrow')} · {title}
          </p>
          <h1 id="result-wording" className="result__wording" lang={lang}>
            {result.wording}
          </h1>
          <p className="result__adopted">
            <time dateTime={result.adoptedAt}>{adopted}</time>
          </p>
          <p className="result__lead">{t('result.lead', { entries: format.number(result.figures.entries), participants: format.number(result.figures.participants) })}</p>
          <div className="result__tools">
            <ShareButton title={result.wording} text={t('result.shareText', { wording: result.wording })} url={url} />
            <button type="button" className="button button--secondary" onClick={() => window.print()}>
              {t('result.print')}
            </button>
            <PosterButton content={poster} fileName={`${campaign.slug}-${t('result.poster.fileName')}.png`} />
          </div>
        </div>
      </header>
      <div className="container result__body">
        <ResultFigures figures={result.figures} />
        <ResultStages campaign={campaign} stages={result.stages} />
        <ResultSources result={result} />
        <ResultVersions result={result} />
        <ResultEndorsements endorsements={result.endorsements} />
        <ResultTally tally={result.tally} />
        <p className="result__more">
          <Link to={paths.drafts(campaign.slug)}>{t('result.toDrafts')}</Link> · <Link to={paths.entries(campaign.slug)}>{t('campaign.actions.browse')}</Link>
        </p>
      </div>
    </article>
  );
}
