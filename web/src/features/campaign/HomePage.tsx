import { useQuery } from '@tanstack/react-query';
import { campaignListQuery } from '../../api/campaigns.ts';
import { CampaignQueryView } from './CampaignQueryView.tsx';

/** The home page is the first campaign's page. */
export function HomePage() {
  const query = useQuery(campaignListQuery());
  return <CampaignQueryView query={query} pickCampaign={(list) => list.items[0]} />;
}
