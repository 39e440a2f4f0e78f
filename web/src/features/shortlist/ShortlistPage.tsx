import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Campaign, ShortlistItem } from '@city-spirit/shared';
import { stageAllows } from '../../api/campaigns.ts';
import { useLocaleFormat } from '../../i18n/format.ts';
import { paths } from '../../paths.ts';
import { CampaignGate } from '../../ui/CampaignGate.tsx';
import { useDistrictName } from '../../ui/DistrictField.tsx';
import { textLang } from '../../ui/entryText.ts';
import { PageIntro } from '../../ui/PageIntro.tsx';
import { ErrorView, LoadingView } from '../../ui/StateViews.tsx';
import { useDocumentTitle } from '../../ui/useDocumentTitle.ts';
import { shortlistQuery } from '../../api/shortlist.ts';

export function ShortlistPage() {
  const { t } = useTranslation();
  return <CampaignGate loadingLabel={t('shortlist.loading')}>{(campaign) => <ShortlistView campaign={campaign} />}</CampaignGate>;
}

function ShortlistView({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  useDocumentTitle(t('shortlist.title'));
  const query = useQuery(shortlistQuery(campaign.slug));
  return (
    <div className="shortlist">
      <PageIntro eyebrow={t('shortlist.eyebrow')} title={t('shortlist.title')} intro={t('shortlist.intro')} />
      <div className="container shortlist__body">
        {query.data ? (
          query.data.items.length === 0 ? (
            <EmptyShortlist campaign={campaign} />
          ) : (
            <>
              <p className="shortlist__summary">{t('shortlist.count', { count: query.data.items.length, formatted: format.number(query.data.items.length) })}</p>
              <ol className="shortlist__list">
                {query.data.items.map((item) => (
                  <ShortlistEntry key={item.submission.id} item={item} />
                ))}
              </ol>
              <p className="shortlist__order">
                {t('shortlist.order')}{' '}
                {stageAllows(campaign, 'pairwise') && <Link to={paths.ranking(campaign.slug)}>{t('shortlist.toRanking')}</Link>}
              </p>
            </>
          )
        ) : query.isError ? (
          <ErrorView error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />
        ) : (
          <LoadingView label={t('shortlist.loading')} />
        )}
      </div>
    </div>
  );
}

/** Why there is nothing yet, as the stage says: not begun, under way, or none chosen. */
function EmptyShortlist({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const text = stageAllows(campaign, 'shortlist') ? t('shortlist.emptyDuring') : stageAllows(campaign, 'submit') ? t('shortlist.emptyBefore') : t('shortlist.emptyAfter');
  return (
    <div className="shortlist__empty">
      <p>{text}</p>
      <p>
        <Link to={paths.entries(campaign.slug)} className="button button--secondary">
          {t('campaign.actions.browse')}
        </Link>
      </p>
    </div>
  );
}

const oneDecimal = (value: number) => (Math.round(value * 10) / 10).toFixed(1);

function ShortlistEntry({ item }: { item: ShortlistItem }) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const district = useDistrictName()(item.submission.districtCode);
  const { submission } = item;
  return (
    <li className="shortlist-entry">
      <h2 className="shortlist-entry__phrase">
        <Link to={paths.entry(submission.id)} lang={textLang(submission.phrase)}>
          {submission.phrase}
        </Link>
      </h2>
      <p className="shortlist-entry__byline">
        <span>{submission.author.displayName}</span>
        {district && <span>{district}</span>}
      </p>
      <figure className="shortlist-entry__rationale">
        <figcaption className="shortlist-entry__rationale-label">{t('shortlist.rationale')}</figcaption>
        <blockquote lang={textLang(item.rationale)}>{item.rationale}</blockquote>
      </figure>
      <dl className="shortlist-entry__facts">
        <div>
          <dt>{t('shortlist.score')}</dt>
          <dd>{item.score === null ? <span className="shortlist-entry__none">{t('shortlist.noScore')}</span> : oneDecimal(item.score)}</dd>
        </div>
        {item.voteCount !== null && (
          <div>
            <dt>{t('entries.votes')}</dt>
            <dd>{format.number(item.voteCount)}</dd>
          </div>
        )}
        <div>
          <dt>{t('entry.comments')}</dt>
          <dd>{format.number(item.commentCount)}</dd>
        </div>
        <div>
          <dt>{t('shortlist.shortlistedOn')}</dt>
          <dd>
            <time dateTime={item.shortlistedAt}>{format.date(item.shortlistedAt)}</time>
          </dd>
        </div>
      </dl>
    </li>
  );
}
