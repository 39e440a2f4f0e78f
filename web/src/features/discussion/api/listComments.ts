import { infiniteQueryOptions, queryOptions, type QueryClient } from '@tanstack/react-query';
import { commentListSchema, type CommentList } from '@city-spirit/shared';
import { getJson } from '../../../api/client.ts';
import { commentKeys, targetCommentsPath, type CommentTarget, type ThreadSort } from './keys.ts';

export const TOP_LEVEL_PAGE_SIZE = 10;
export const REPLIES_PAGE_SIZE = 5;

export type CommentSummary = Pick<CommentList, 'stance' | 'total'>;

async function fetchPage(
  client: QueryClient,
  target: CommentTarget,
  search: Record<string, string | null>,
  signal: AbortSignal,
): Promise<CommentList> {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) if (value !== null) query.set(key, value);
  const page = await getJson(`${targetCommentsPath(target)}?${query}`, commentListSchema, signal);
  // Each page brings the thread's stance counts: the summary bar stays current without asking.
  client.setQueryData<CommentSummary>(commentKeys.summary(target), { stance: page.stance, total: page.total });
  return page;
}

/** The target's top-level comments, a page at a time. */
export function topLevelCommentsQuery(target: CommentTarget, sort: ThreadSort) {
  return infiniteQueryOptions({
    queryKey: commentKeys.topLevelSorted(target, sort),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal, client }) =>
      fetchPage(client, target, { sort, limit: String(TOP_LEVEL_PAGE_SIZE), cursor: pageParam }, signal),
    getNextPageParam: (page) => page.nextCursor,
  });
}

/** One comment's replies, oldest first, a page at a time; asked for when they are opened. */
export function repliesQuery(target: CommentTarget, parentId: string) {
  return infiniteQueryOptions({
    queryKey: commentKeys.replies(target, parentId),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal, client }) =>
      fetchPage(client, target, { parentId, sort: 'old', limit: String(REPLIES_PAGE_SIZE), cursor: pageParam }, signal),
    getNextPageParam: (page) => page.nextCursor,
  });
}

/** The stance counts alone (a one-comment page), when no page of the thread has just brought them. */
export function commentSummaryQuery(target: CommentTarget) {
  return queryOptions({
    queryKey: commentKeys.summary(target),
    queryFn: async ({ signal, client }): Promise<CommentSummary> => {
      const page = await fetchPage(client, target, { limit: '1' }, signal);
      return { stance: page.stance, total: page.total };
    },
  });
}
