import { useMutation } from '@tanstack/react-query';
import type { DraftVersionInput } from '@city-spirit/shared';
import { sendJson } from '../../../api/client.ts';
import { campaignPath } from '../../../api/keys.ts';
import { panelKeys } from './keys.ts';

/** A new draft: its first version's wording, rationale and source entries. */
export function useCreateDraft(slug: string) {
  return useMutation({
    mutationFn: (version: DraftVersionInput, { client }) => sendJson(client, { method: 'POST', path: `${campaignPath(slug)}/drafts`, body: version }),
    onSuccess: (_data, _version, _result, { client }) => client.invalidateQueries({ queryKey: panelKeys.drafts(slug) }),
  });
}
