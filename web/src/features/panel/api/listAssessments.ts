import { queryOptions, useQuery } from '@tanstack/react-query';
import { assessmentListSchema } from '@city-spirit/shared';
import { getJson } from '../../../api/client.ts';
import { campaignPath } from '../../../api/keys.ts';
import { panelKeys } from './keys.ts';

/** Other experts score while one works: the summaries are read again now and then. */
const ASSESSMENTS_REFRESH_MS = 30_000;

export function assessmentsQuery(slug: string) {
  return queryOptions({
    queryKey: panelKeys.assessments(slug),
    queryFn: ({ signal }) => getJson(`${campaignPath(slug)}/assessments`, assessmentListSchema, signal),
    refetchInterval: ASSESSMENTS_REFRESH_MS,
  });
}

/** Per shortlisted entry: how many experts scored it, the mean and spread per criterion, the viewer's own scores and the experts' notes. */
export const useAssessments = (slug: string) => useQuery(assessmentsQuery(slug));
