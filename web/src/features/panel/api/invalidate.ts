import type { QueryClient } from '@tanstack/react-query';
import { panelKeys } from './keys.ts';

/** After a draft changed (a version, an endorsement, publishing): the draft, its versions, and the campaign's list. */
export async function refreshDraft(client: QueryClient, slug: string, draftId: string): Promise<void> {
  await Promise.all([client.invalidateQueries({ queryKey: panelKeys.draft(draftId) }), client.invalidateQueries({ queryKey: panelKeys.drafts(slug) })]);
}
