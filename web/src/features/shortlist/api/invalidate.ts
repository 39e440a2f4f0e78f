import type { QueryClient } from '@tanstack/react-query';
import type { Submission } from '@city-spirit/shared';
import { campaignKeys } from '../../../api/campaigns.ts';
import { submissionKeys } from '../../../api/keys.ts';
import { shortlistKeys } from '../../../api/shortlist.ts';

/** After the entry went on or off the shortlist: its page, the lists (its badge) and the shortlist. */
export async function refreshAfterShortlisting(client: QueryClient, submission: Pick<Submission, 'id' | 'campaignSlug'>): Promise<void> {
  void client.invalidateQueries({ queryKey: submissionKeys.lists() });
  void client.invalidateQueries({ queryKey: campaignKeys.detail(submission.campaignSlug) });
  await Promise.all([
    client.invalidateQueries({ queryKey: shortlistKeys.list(submission.campaignSlug) }),
    client.invalidateQueries({ queryKey: submissionKeys.detail(submission.id) }),
  ]);
}
