import { useMutation } from '@tanstack/react-query';
import { assessmentSummarySchema, type AssessmentPut } from '@city-spirit/shared';
import { sendJson } from '../../../api/client.ts';
import { assessmentsQuery } from './listAssessments.ts';

type Variables = { slug: string; submissionId: string; assessment: AssessmentPut };

/** The expert's scores of one entry (a new assessment replaces their earlier one); the summaries are read again. */
export function useSaveAssessment() {
  return useMutation({
    mutationFn: ({ submissionId, assessment }: Variables, { client }) =>
      sendJson(client, { method: 'PUT', path: `/api/submissions/${encodeURIComponent(submissionId)}/assessment`, body: assessment, schema: assessmentSummarySchema }),
    onSuccess: (summary, { slug }, _result, { client }) => {
      // The answer is the entry's summary as it is now: shown at once, the others read again.
      client.setQueryData(assessmentsQuery(slug).queryKey, (list) =>
        list && { items: list.items.map((item) => (item.submissionId === summary.submissionId ? summary : item)) },
      );
      return client.invalidateQueries({ queryKey: assessmentsQuery(slug).queryKey });
    },
  });
}
