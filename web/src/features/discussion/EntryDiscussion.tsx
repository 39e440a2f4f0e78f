import { useMemo } from 'react';
import { canCommentOnSubmission, type Submission } from '@city-spirit/shared';
import type { CommentTarget } from './api/keys.ts';
import { Discussion } from './Discussion.tsx';
import type { Thread } from './threadContext.ts';

/** The discussion of an entry, for the entry page. */
export function EntryDiscussion({
  submission,
  renderCommentTools,
}: {
  submission: Pick<Submission, 'id' | 'campaignSlug' | 'status'>;
  renderCommentTools?: Thread['renderCommentTools'];
}) {
  const target = useMemo<CommentTarget>(() => ({ type: 'submission', id: submission.id }), [submission.id]);
  return <Discussion target={target} campaignSlug={submission.campaignSlug} targetOpen={canCommentOnSubmission(submission)} renderCommentTools={renderCommentTools} />;
}
