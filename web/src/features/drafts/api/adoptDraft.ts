import { useMutation } from '@tanstack/react-query';
import { campaignResultSchema } from '@city-spirit/shared';
import { campaignKeys } from '../../../api/campaigns.ts';
import { sendJson } from '../../../api/client.ts';
import { campaignPath } from '../../../api/keys.ts';
import { draftKeys } from './keys.ts';

/**
 * The admin adopts a published draft: the campaign is announced, so it and its drafts are read again.
 * `onAdopted` runs here rather than in `mutate`'s callbacks: the refreshed card no longer offers
 * adoption, and a callback of the unmounted button would never run.
 */
export function useAdoptDraft(slug: string, onAdopted: (slug: string) => void) {
  return useMutation({
    mutationFn: (draftId: string, { client }) =>
      sendJson(client, { method: 'POST', path: `${campaignPath(slug)}/adopt`, body: { draftId }, schema: campaignResultSchema }),
    onSuccess: async (_result, _draftId, _context, { client }) => {
      onAdopted(slug);
      await Promise.all([client.invalidateQueries({ queryKey: campaignKeys.all }), client.invalidateQueries({ queryKey: draftKeys.all })]);
    },
  });
}
