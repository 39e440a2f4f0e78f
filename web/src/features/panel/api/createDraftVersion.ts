import { useMutation } from '@tanstack/react-query';
import { draftDetailSchema, type DraftVersionInput } from '@city-spirit/shared';
import { sendJson } from '../../../api/client.ts';
import { draftPath } from './keys.ts';
import { refreshDraft } from './invalidate.ts';

/** A new version of a draft (the earlier ones stay as they were; stances start again on the new one). */
export function useCreateDraftVersion(slug: string, draftId: string) {
  return useMutation({
    mutationFn: (version: DraftVersionInput, { client }) =>
      sendJson(client, { method: 'POST', path: `${draftPath(draftId)}/versions`, body: version, schema: draftDetailSchema }),
    onSuccess: (detail, _version, _result, { client }) => refreshDraft(client, slug, detail),
  });
}
