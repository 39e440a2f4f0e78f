import { useMutation } from '@tanstack/react-query';
import { draftDetailSchema, type DraftVersionInput } from '@city-spirit/shared';
import { sendJson } from '../../../api/client.ts';
import { campaignPath } from '../../../api/keys.ts';
import { refreshDraft } from './invalidate.ts';

/** A new draft: its first version's wording, rationale and source entries; answered with the new draft. */
export function useCreateDraft(slug: string) {
  return useMutation({
    mutationFn: (version: DraftVersionInput, { client }) =>
      sendJson(client, { method: 'POST', path: `${campaignPath(slug)}/drafts`, body: version, schema: draftDetailSchema }),
    onSuccess: (detail, _version, _result, { client }) => refreshDraft(client, slug, detail),
  });
}
