import { useMutation } from '@tanstack/react-query';
import { submissionCreatedSchema, type submissionCreateSchema } from '@city-spirit/shared';
import type { z } from 'zod';
import { sendJson } from '../../../api/client.ts';
import { campaignKeys } from '../../../api/campaigns.ts';
import { campaignPath, submissionKeys } from '../../../api/keys.ts';

export type SubmissionInput = z.output<typeof submissionCreateSchema>;

export function useCreateSubmission(slug: string) {
  return useMutation({
    mutationFn: (input: SubmissionInput, { client }) =>
      sendJson(client, { method: 'POST', path: `${campaignPath(slug)}/submissions`, body: input, schema: submissionCreatedSchema }),
    onSuccess: ({ submission }, _input, _result, { client }) => {
      client.setQueryData(submissionKeys.detail(submission.id), submission);
      void client.invalidateQueries({ queryKey: submissionKeys.lists() });
      void client.invalidateQueries({ queryKey: campaignKeys.all });
    },
  });
}
