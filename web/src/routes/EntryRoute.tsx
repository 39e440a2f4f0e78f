import { EntryDiscussion } from '../features/discussion/EntryDiscussion.tsx';
import { ShortlistTools } from '../features/shortlist/ShortlistTools.tsx';
import { EntryPage } from '../features/submissions/EntryPage.tsx';
import { canSupport, SupportButton } from '../features/votes/SupportButton.tsx';

/** One entry's page, with its support button while the stage takes votes, its discussion, and the moderators' shortlist tools. */
export function EntryRoute() {
  return (
    <EntryPage
      renderSupport={(submission, campaign) => canSupport(campaign, submission) && <SupportButton submission={submission} />}
      renderThread={(submission) => <EntryDiscussion submission={submission} />}
      renderStaffTools={(submission, campaign) => <ShortlistTools submission={submission} campaign={campaign} />}
    />
  );
}
