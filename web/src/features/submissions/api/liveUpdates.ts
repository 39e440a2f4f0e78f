import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import type { Submission, submissionListSchema } from '@city-spirit/shared';
import type { z } from 'zod';
import { submissionKeys } from '../../../api/keys.ts';

type SubmissionList = z.infer<typeof submissionListSchema>;

/** Changes one entry wherever it is cached, its page and the lists, without asking the server. */
function patchCachedSubmission(client: QueryClient, id: string, patch: (submission: Submission) => Submission): void {
  client.setQueryData<Submission>(submissionKeys.detail(id), (old) => (old ? patch(old) : old));
  client.setQueriesData<InfiniteData<SubmissionList>>({ queryKey: submissionKeys.lists() }, (old) => {
    if (!old || !Array.isArray((old as { pages?: unknown }).pages)) return old;
    return { ...old, pages: old.pages.map((page) => ({ ...page, items: page.items.map((item) => (item.id === id ? patch(item) : item)) })) };
  });
}

/** A live vote count (only sent while counts are public). */
export function setLiveVoteCount(client: QueryClient, id: string, voteCount: number): void {
  patchCachedSubmission(client, id, (submission) =>
    submission.voteCount === null ? submission : { ...submission, voteCount, hasVotes: submission.hasVotes === null ? null : voteCount > 0 },
  );
}

/** A comment posted on the entry. */
export function countNewComment(client: QueryClient, id: string): void {
  patchCachedSubmission(client, id, (submission) => ({ ...submission, commentCount: submission.commentCount + 1 }));
}

/** A comment edited or deleted: the entry's own count is read again when shown (an edit leaves it as it was). */
export function recountComments(client: QueryClient, id: string): void {
  void client.invalidateQueries({ queryKey: submissionKeys.detail(id) });
}

/** A new entry somewhere: the lists are read again when next shown, not while someone reads them. */
export function markListsStale(client: QueryClient): void {
  void client.invalidateQueries({ queryKey: submissionKeys.lists(), refetchType: 'none' });
}
