import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { submissionIdParamsSchema } from '@city-spirit/shared';
import { EntryDiscussion } from '../features/discussion/EntryDiscussion.tsx';
import { submissionQuery } from '../features/submissions/api/getSubmission.ts';
import { EntryPage } from '../features/submissions/EntryPage.tsx';

/** The entry page with its discussion: the entry is read once, both use the cached copy. */
export function EntryRoute() {
  const params = submissionIdParamsSchema.safeParse(useParams());
  const id = params.success ? params.data.id : '';
  const submission = useQuery({ ...submissionQuery(id), enabled: params.success }).data;
  return <EntryPage discussion={submission ? <EntryDiscussion submission={submission} /> : undefined} />;
}
