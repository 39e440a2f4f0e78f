import type { QueryClient } from '@tanstack/react-query';
import { patchDrafts } from './cache.ts';
import { draftKeys } from './keys.ts';

/** Another resident's vote moved a draft's count (live event). */
export function setLiveDraftVoteCount(client: QueryClient, id: string, voteCount: number): void {
  patchDrafts(client, (draft) => (draft.id === id ? { ...draft, voteCount } : draft));
}

/** A draft was published, or its comments changed (live events): the lists are read again. */
export function markDraftsStale(client: QueryClient): void {
  void client.invalidateQueries({ queryKey: draftKeys.all });
}
