import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { campaignSlugParamsSchema, type Campaign } from '@city-spirit/shared';
import { campaignQuery } from '../api/campaigns.ts';
import { isApiError } from '../api/client.ts';
import { ErrorView, LoadingView, NotFoundView } from './StateViews.tsx';

type Props = { loadingLabel: string; children: (campaign: Campaign) => ReactNode };

/** The campaign named in the address, with its loading, error and not-found states. */
export function CampaignGate({ loadingLabel, children }: Props) {
  const { t } = useTranslation();
  const params = campaignSlugParamsSchema.safeParse(useParams());
  const query = useQuery({ ...campaignQuery(params.success ? params.data.slug : ''), enabled: params.success });
  if (!params.success) return <NotFoundView text={t('notFound.campaignText')} />;
  if (query.data) return children(query.data);
  if (query.isError) {
    if (isApiError(query.error) && query.error.status === 404) {
      return <NotFoundView text={t('notFound.campaignText')} detail={query.error.problem?.detail} />;
    }
    return <ErrorView error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />;
  }
  return <LoadingView label={loadingLabel} />;
}
