import type { QueryClient } from '@tanstack/react-query';
import type { Draft, DraftVoteResult } from '@city-spirit/shared';
import { draftKeys } from './keys.ts';

type DraftList = { items: Draft[] };

/** Changes the drafts of every cached list. */
export function patchDrafts(client: QueryClient, patch: (draft: Draft) => Draft): void {
  client.setQueriesData<DraftList>({ queryKey: draftKeys.all }, (old) => (old ? { ...old, items: old.items.map(patch) } : old));
}

/** The viewer's vote as it is now (on `draftId`, or on none), and the counts the server sent. */
export function applyVoteResult(client: QueryClient, result: DraftVoteResult): void {
  const counts = new Map(result.drafts.map((draft) => [draft.id, draft.voteCount]));
  patchDrafts(client, (draft) => ({ ...draft, viewerVoted: draft.id === result.draftId, voteCount: counts.get(draft.id) ?? draft.voteCount }));
}

/** The viewer's vote moved to `draftId` (or taken back, null), counted at once before the server answers. */
export function moveOwnVote(client: QueryClient, slug: string, draftId: string | null): void {
  client.setQueryData<DraftList>(draftKeys.list(slug), (old) => {
    if (!old) return old;
    return {
      ...old,
      items: old.items.map((draft) => {
        const voted = draft.id === draftId;
        if (voted === draft.viewerVoted) return draft;
        return { ...draft, viewerVoted: voted, voteCount: Math.max(0, draft.voteCount + (voted ? 1 : -1)) };
      }),
    };
  });
}
