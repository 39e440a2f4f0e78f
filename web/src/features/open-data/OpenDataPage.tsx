import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Campaign, OpenDataSchema } from '@city-spirit/shared';
import { campaignListQuery } from '../../api/campaigns.ts';
import { paths } from '../../paths.ts';
import { PageIntro } from '../../ui/PageIntro.tsx';
import { ErrorView, LoadingView, NotFoundView } from '../../ui/StateViews.tsx';
import { useDocumentTitle } from '../../ui/useDocumentTitle.ts';
import { openDataSchemaQuery } from './api/getOpenDataSchema.ts';

/** What anyone may download and reuse: the campaign's published entries, every column explained, under the campaign's licence. */
export function OpenDataPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('openData.title'));
  const [search] = useSearchParams();
  const list = useQuery({ ...campaignListQuery(), refetchInterval: false });
  if (list.isPending) return <LoadingView label={t('openData.loading')} />;
  if (list.isError) return <ErrorView error={list.error} onRetry={() => void list.refetch()} retrying={list.isFetching} />;
  const wanted = search.get('campaign');
  const campaign = wanted ? list.data.items.find((item) => item.slug === wanted) : list.data.items[0];
  if (!campaign) return <NotFoundView text={t('notFound.campaignText')} />;
  return <OpenDataView campaign={campaign} />;
}

function OpenDataView({ campaign }: { campaign: Campaign }) {
  const { t, i18n } = useTranslation();
  const english = (i18n.resolvedLanguage ?? i18n.language) === 'en';
  const title = (english && campaign.translations.en?.title) || campaign.title;
  const query = useQuery(openDataSchemaQuery(campaign.slug));
  return (
    <div className="open-data">
      <PageIntro eyebrow={title} title={t('openData.title')} intro={t('openData.intro')} />
      <div className="container open-data__body">
        {query.isPending && <LoadingView label={t('openData.loading')} />}
        {query.isError && <ErrorView error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />}
        {query.data && <OpenDataDetails schema={query.data} />}
        <p className="open-data__back">
          <Link to={paths.insights(campaign.slug)}>{t('openData.toInsights')}</Link>
        </p>
        <p className="open-data__back">
          <Link to={paths.campaign(campaign.slug)}>{t('openData.backToCampaign', { title })}</Link>
        </p>
      </div>
    </div>
  );
}

function OpenDataDetails({ schema }: { schema: OpenDataSchema }) {
  const { t } = useTranslation();
  return (
    <>
      <section className="open-data__section" aria-labelledby="open-data-what">
        <h2 id="open-data-what">{t('openData.whatHeading')}</h2>
        <p>{t('openData.whatText')}</p>
        <p>{t('openData.privacyText')}</p>
      </section>
      <section className="open-data__section open-data__licence" aria-labelledby="open-data-licence">
        <h2 id="open-data-licence">{t('openData.licenceHeading')}</h2>
        <p>
          {t('openData.licenceLead')}
          <a href={schema.licence.url} rel="license noopener" target="_blank">
            {schema.licence.name}
          </a>{' '}
          (<code>{schema.licence.id}</code>)
        </p>
        <p className="open-data__hint">{t('openData.licenceHint')}</p>
      </section>
      <section className="open-data__section" aria-labelledby="open-data-download">
        <h2 id="open-data-download">{t('openData.downloadHeading')}</h2>
        <ul className="open-data__downloads">
          {schema.formats.map((format) => (
            <li key={format.format} className="open-data__download">
              <a className="button" href={format.url} download>
                {t(`openData.formats.${format.format}.button`)}
              </a>
              <p className="open-data__hint">{t(`openData.formats.${format.format}.hint`)}</p>
            </li>
          ))}
        </ul>
        <p className="open-data__hint">
          {t('openData.apiLead')}
          <a href="/api/docs">{t('openData.apiLink')}</a>
        </p>
      </section>
      <section className="open-data__section" aria-labelledby="open-data-columns">
        <h2 id="open-data-columns">{t('openData.columnsHeading')}</h2>
        <p>{t('openData.columnsIntro', { count: schema.columns.length })}</p>
        <ColumnTable columns={schema.columns} />
      </section>
    </>
  );
}

function ColumnTable({ columns }: { columns: OpenDataSchema['columns'] }) {
  const { t, i18n } = useTranslation();
  const locale = (i18n.resolvedLanguage ?? i18n.language) === 'en' ? 'en' : 'zh-CN';
  return (
    <table className="open-data__columns">
      <caption className="visually-hidden">{t('openData.columnsCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('openData.column.name')}</th>
          <th scope="col">{t('openData.column.type')}</th>
          <th scope="col">{t('openData.column.description')}</th>
          <th scope="col">{t('openData.column.example')}</th>
        </tr>
      </thead>
      <tbody>
        {columns.map((column) => (
          <tr key={column.name}>
            <th scope="row" data-label={t('openData.column.name')}>
              <code>{column.name}</code>
            </th>
            <td data-label={t('openData.column.type')}>
              {t(`openData.types.${column.type}`)}
              {column.nullable && <span className="open-data__nullable">{t('openData.nullable')}</span>}
            </td>
            <td data-label={t('openData.column.description')}>{column.description[locale]}</td>
            <td data-label={t('openData.column.example')}>{column.example ? <code className="open-data__example">{column.example}</code> : <span className="open-data__hint">{t('openData.emptyExample')}</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
