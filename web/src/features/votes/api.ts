import { infiniteQueryOptions, queryOptions, useMutation, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import { pairSchema, rankingSchema, voteBudgetSchema, voteResultSchema, type Submission, type submissionListSchema } from '@city-spirit/shared';
import type { z } from 'zod';
import { getJson, sendJson } from '../../api/client.ts';
import { campaignKeys } from '../../api/campaigns.ts';
import { campaignPath, submissionKeys } from '../../api/keys.ts';

export const voteKeys = {
  budget: (slug: string) => ['votes', 'budget', slug] as const,
  pair: (slug: string, round: number) => ['votes', 'pair', slug, round] as const,
  ranking: (slug: string) => ['votes', 'ranking', slug] as const,
};

/** How many supports the signed-in resident has left in the campaign. */
export function voteBudgetQuery(slug: string) {
  return queryOptions({
    queryKey: voteKeys.budget(slug),
    queryFn: ({ signal }) => getJson(`${campaignPath(slug)}/votes/me`, voteBudgetSchema, signal),
  });
}

/** The n-th pair of this visit; each is asked for once and kept, so the next one can be fetched ahead. */
export function pairQuery(slug: string, round: number) {
  return queryOptions({
    queryKey: voteKeys.pair(slug, round),
    queryFn: ({ signal }) => getJson(`${campaignPath(slug)}/pair`, pairSchema, signal),
    staleTime: Infinity,
    gcTime: 60_000,
    retry: false,
    refetchOnWindowFocus: false,
  });
}

/** The server refits the ranking every few seconds. */
export const RANKING_REFRESH_MS = 10_000;

/** Entries per page of the ranking. */
export const RANKING_PAGE_SIZE = 50;

/** The ranking a page at a time; a refetch reloads every page shown, from the latest fit. */
export function rankingQuery(slug: string) {
  return infiniteQueryOptions({
    queryKey: voteKeys.ranking(slug),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => {
      const search = new URLSearchParams({ limit: String(RANKING_PAGE_SIZE) });
      if (pageParam) search.set('cursor', pageParam);
      return getJson(`${campaignPath(slug)}/ranking?${search}`, rankingSchema, signal);
    },
    getNextPageParam: (page) => page.nextCursor,
    refetchInterval: RANKING_REFRESH_MS,
  });
}

export function useAnswerPair(slug: string) {
  return useMutation({
    mutationFn: (answer: { token: string; choice: 'left' | 'right' | 'skip' }, { client }) =>
      sendJson(client, { method: 'POST', path: `${campaignPath(slug)}/pair`, body: answer }),
    onSuccess: (_data, _answer, _result, { client }) => {
      void client.invalidateQueries({ queryKey: voteKeys.ranking(slug) });
    },
  });
}

type SubmissionList = z.infer<typeof submissionListSchema>;

type Snapshot = [readonly unknown[], unknown][];

/** Applies a change to the entry wherever it is cached: its own page and every list. */
function patchSubmission(client: QueryClient, id: string, patch: (submission: Submission) => Submission): void {
  client.setQueryData<Submission>(submissionKeys.detail(id), (old) => (old ? patch(old) : old));
  client.setQueriesData<InfiniteData<SubmissionList>>({ queryKey: submissionKeys.lists() }, (old) => {
    if (!old || !Array.isArray((old as { pages?: unknown }).pages)) return old;
    return {
      ...old,
      pages: old.pages.map((page) => ({ ...page, items: page.items.map((item) => (item.id === id ? patch(item) : item)) })),
    };
  });
}

export type VoteVariables = { submission: Submission; vote: boolean };

/**
 * Supports an entry, or takes the support back. The entry changes at once everywhere it is shown;
 * if the server refuses, it goes back to what it was.
 */
export function useVote() {
  return useMutation({
    mutationFn: ({ submission, vote }: VoteVariables, { client }) =>
      sendJson(client, {
        method: vote ? 'PUT' : 'DELETE',
        path: `/api/submissions/${encodeURIComponent(submission.id)}/vote`,
        schema: voteResultSchema,
      }),
    onMutate: async ({ submission, vote }, { client }): Promise<{ snapshot: Snapshot }> => {
      await client.cancelQueries({ queryKey: submissionKeys.all });
      const snapshot: Snapshot = [
        ...client.getQueriesData({ queryKey: submissionKeys.detail(submission.id) }),
        ...client.getQueriesData({ queryKey: submissionKeys.lists() }),
      ];
      patchSubmission(client, submission.id, (old) =>
        old.viewerHasVoted === vote
          ? old
          : {
              ...old,
              viewerHasVoted: vote,
              voteCount: old.voteCount === null ? null : Math.max(0, old.voteCount + (vote ? 1 : -1)),
              hasVotes: vote ? true : old.hasVotes,
            },
      );
      return { snapshot };
    },
    onError: (_error, _variables, context, { client }) => {
      for (const [key, data] of context?.snapshot ?? []) client.setQueryData(key, data);
    },
    onSuccess: (result, { submission }, _context, { client }) => {
      patchSubmission(client, submission.id, (old) => ({
        ...old,
        viewerHasVoted: result.voted,
        voteCount: result.voteCount,
        hasVotes: result.voteCount === null ? old.hasVotes : result.voteCount > 0,
      }));
      client.setQueryData(voteKeys.budget(submission.campaignSlug), result.budget);
    },
    onSettled: (_result, error, { submission }, _context, { client }) => {
      void client.invalidateQueries({ queryKey: submissionKeys.detail(submission.id) });
      // The lists sorted by support change order; they are read again when next shown.
      void client.invalidateQueries({ queryKey: submissionKeys.lists(), refetchType: 'none' });
      void client.invalidateQueries({ queryKey: campaignKeys.detail(submission.campaignSlug) });
      if (error) void client.invalidateQueries({ queryKey: voteKeys.budget(submission.campaignSlug) });
    },
  });
}
