import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Campaign } from '@city-spirit/shared';
import { isApiError } from '../../api/client.ts';
import { EmptyView, ErrorView, LoadingView, NotFoundView } from '../../ui/StateViews.tsx';
import { CampaignView } from './CampaignView.tsx';

type Props<Data> = { query: UseQueryResult<Data>; pickCampaign: (data: Data) => Campaign | undefined };

/** The loading, error, not-found and empty states around one campaign query. */
export function CampaignQueryView<Data>({ query, pickCampaign }: Props<Data>) {
  const { t } = useTranslation();
  if (query.data !== undefined) {
    const campaign = pickCampaign(query.data);
    if (!campaign) return <EmptyView />;
    const updatedAt = query.isPlaceholderData ? undefined : query.dataUpdatedAt;
    return <CampaignView campaign={campaign} updatedAt={updatedAt} stale={query.isError} />;
  }
  if (query.isError) {
    if (isApiError(query.error) && query.error.status === 404) {
      return <NotFoundView text={t('notFound.campaignText')} detail={query.error.problem?.detail} />;
    }
    return <ErrorView error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />;
  }
  return <LoadingView label={t('loading.campaign')} />;
}
