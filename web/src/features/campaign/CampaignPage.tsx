import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { campaignSlugParamsSchema } from '@city-spirit/shared';
import { campaignListQuery, campaignQuery } from '../../api/campaigns.ts';
import { NotFoundView } from '../../ui/StateViews.tsx';
import { CampaignQueryView } from './CampaignQueryView.tsx';

export function CampaignPage() {
  const { t } = useTranslation();
  const params = campaignSlugParamsSchema.safeParse(useParams());
  const slug = params.success ? params.data.slug : '';
  const queryClient = useQueryClient();
  const query = useQuery({
    ...campaignQuery(slug),
    enabled: params.success,
    // Coming from the home page, show the campaign already listed there while its own request runs.
    placeholderData: () => queryClient.getQueryData(campaignListQuery().queryKey)?.items.find((listed) => listed.slug === slug),
  });
  if (!params.success) return <NotFoundView text={t('notFound.campaignText')} />;
  return <CampaignQueryView query={query} pickCampaign={(campaign) => campaign} />;
}
