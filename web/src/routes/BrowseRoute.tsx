import { stageAllows } from '../api/campaigns.ts';
import { BrowsePage } from '../features/submissions/BrowsePage.tsx';
import { canSupport, SupportButton, VoteBudgetNote } from '../features/votes/SupportButton.tsx';

/** The list of entries, with the supports left above it and a support button on each card while the stage takes votes. */
export function BrowseRoute() {
  return (
    <BrowsePage
      renderNotice={(campaign) => stageAllows(campaign, 'vote') && <VoteBudgetNote slug={campaign.slug} />}
      renderSupport={(submission, campaign) => canSupport(campaign, submission) && <SupportButton submission={submission} compact />}
    />
  );
}
