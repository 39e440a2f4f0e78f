import { useMutation } from '@tanstack/react-query';
import { reportCreatedSchema, type ReportCreate } from '@city-spirit/shared';
import { sendJson } from '../../../api/client.ts';
import { moderationKeys, submissionKeys } from '../../../api/keys.ts';

/** Reports an entry or a comment to the moderators; the answer says whether it was hidden at once. */
export function useCreateReport() {
  return useMutation({
    mutationFn: (report: ReportCreate, { client }) => sendJson(client, { method: 'POST', path: '/api/reports', body: report, schema: reportCreatedSchema }),
    onSuccess: (created, report, _result, { client }) => {
      void client.invalidateQueries({ queryKey: moderationKeys.all });
      if (created.hidden && report.targetType === 'submission') void client.invalidateQueries({ queryKey: submissionKeys.detail(report.targetId) });
    },
  });
}
