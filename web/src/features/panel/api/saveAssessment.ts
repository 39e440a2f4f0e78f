import { useMutation } from '@tanstack/react-query';
import type { AssessmentPut } from '@city-spirit/shared';
import { sendJson } from '../../../api/client.ts';
import { panelKeys } from './keys.ts';

type Variables = { slug: string; submissionId: string; assessment: AssessmentPut };

/** The expert's scores of one entry (a new assessment replaces their earlier one); the summaries are read again. */
export function useSaveAssessment() {
  return useMutation({
    mutationFn: ({ submissionId, assessment }: Variables, { client }) =>
      sendJson(client, { method: 'PUT', path: `/api/submissions/${encodeURIComponent(submissionId)}/assessment`, body: assessment }),
    onSuccess: (_data, { slug }, _result, { client }) => client.invalidateQueries({ queryKey: panelKeys.assessments(slug) }),
  });
}
