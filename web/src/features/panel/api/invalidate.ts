import type { QueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { draftDetailSchema } from '@city-spirit/shared';
import { draftQuery } from './getDraft.ts';
import { panelKeys } from './keys.ts';

export type DraftDetail = z.infer<typeof draftDetailSchema>;

/**
 * After a draft changed (a new draft, a version, an endorsement, publishing): the server's answer
 * is the draft as it is now, shown at once; its versions and the campaign's list are read again.
 */
export async function refreshDraft(client: QueryClient, slug: string, detail: DraftDetail): Promise<void> {
  client.setQueryData(draftQuery(detail.draft.id).queryKey, detail);
  await Promise.all([
    client.invalidateQueries({ queryKey: panelKeys.versions(detail.draft.id) }),
    client.invalidateQueries({ queryKey: panelKeys.drafts(slug) }),
  ]);
}
