import { useMemo } from 'react';
import { canCommentOnSubmission, type Submission } from '@city-spirit/shared';
import type { CommentTarget } from './api/keys.ts';
import { Discussion } from './Discussion.tsx';

/** The discussion of an entry, for the entry page. */
export function EntryDiscussion({ submission }: { submission: Pick<Submission, 'id' | 'campaignSlug' | 'status'> }) {
  const target = useMemo<CommentTarget>(() => ({ type: 'submission', id: submission.id }), [submission.id]);
  return <Discussion target={target} campaignSlug={submission.campaignSlug} targetOpen={canCommentOnSubmission(submission)} />;
}
