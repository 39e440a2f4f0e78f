import { useMutation } from '@tanstack/react-query';
import { campaignSchema, type Stage } from '@city-spirit/shared';
import { campaignKeys } from '../../../api/campaigns.ts';
import { sendJson } from '../../../api/client.ts';
import { campaignPath } from '../../../api/keys.ts';

/** The admin moves the campaign on one stage; every page showing it reads it again. */
export function useChangeStage(slug: string) {
  return useMutation({
    mutationFn: (stage: Stage, { client }) => sendJson(client, { method: 'POST', path: `${campaignPath(slug)}/stage`, body: { stage }, schema: campaignSchema }),
    onSuccess: async (campaign, _stage, _context, { client }) => {
      client.setQueryData(campaignKeys.detail(slug), campaign);
      await client.invalidateQueries({ queryKey: campaignKeys.all });
    },
  });
}
