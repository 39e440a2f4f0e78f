import { EntryDiscussion } from '../features/discussion/EntryDiscussion.tsx';
import { EntryPage } from '../features/submissions/EntryPage.tsx';
import { canSupport, SupportButton } from '../features/votes/SupportButton.tsx';

/** One entry's page, with its support button while the stage takes votes, and its discussion. */
export function EntryRoute() {
  return (
    <EntryPage
      renderSupport={(submission, campaign) => canSupport(campaign, submission) && <SupportButton submission={submission} />}
      renderThread={(submission) => <EntryDiscussion submission={submission} />}
    />
  );
}
