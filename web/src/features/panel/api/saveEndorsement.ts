import { useMutation } from '@tanstack/react-query';
import { draftDetailSchema, type EndorsementStance } from '@city-spirit/shared';
import { sendJson } from '../../../api/client.ts';
import { draftPath } from './keys.ts';
import { refreshDraft } from './invalidate.ts';

type Variables = { stance: EndorsementStance; note?: string | undefined };

/** The expert endorses or objects to the draft's current version, with a note; a new stance replaces the old. */
export function useSaveEndorsement(slug: string, draftId: string) {
  return useMutation({
    mutationFn: (endorsement: Variables, { client }) =>
      sendJson(client, { method: 'PUT', path: `${draftPath(draftId)}/endorsement`, body: endorsement, schema: draftDetailSchema }),
    onSuccess: (detail, _endorsement, _result, { client }) => refreshDraft(client, slug, detail),
  });
}
