import { useCallback } from 'react';
import type { Comment, Submission } from '@city-spirit/shared';
import { canAppealComment, CommentAppeal } from '../features/appeals/CommentAppeal.tsx';
import { canAppealEntry, EntryDecision } from '../features/appeals/EntryDecision.tsx';
import { EntryDiscussion } from '../features/discussion/EntryDiscussion.tsx';
import { UndoMerge } from '../features/moderation/UndoMerge.tsx';
import { ReportButton } from '../features/reports/ReportButton.tsx';
import { ShortlistTools } from '../features/shortlist/ShortlistTools.tsx';
import { EntryPage } from '../features/submissions/EntryPage.tsx';
import { canSupport, SupportButton } from '../features/votes/SupportButton.tsx';

/**
 * One entry's page, with its support button while the stage takes votes, its discussion, a way to
 * report it and each comment, the moderators' shortlist tools, and, for its author, a way to appeal
 * a moderator's decision.
 */
export function EntryRoute() {
  return (
    <EntryPage
      renderSupport={(submission, campaign) => canSupport(campaign, submission) && <SupportButton submission={submission} />}
      renderThread={(submission) => <EntryThread submission={submission} />}
      renderStaffTools={(submission, campaign) => (
        <>
          <ShortlistTools submission={submission} campaign={campaign} />
          <UndoMerge submission={submission} />
        </>
      )}
      renderReport={(submission) => (
        <ReportButton targetType="submission" targetId={submission.id} ownContent={submission.viewerIsAuthor} variant="entry" />
      )}
      renderDecision={(submission) => canAppealEntry(submission) && <EntryDecision submission={submission} />}
    />
  );
}

function EntryThread({ submission }: { submission: Submission }) {
  const renderCommentTools = useCallback(
    (comment: Comment) =>
      canAppealComment(comment) ? (
        <CommentAppeal comment={comment} />
      ) : (
        !comment.deleted && !comment.hidden && <ReportButton targetType="comment" targetId={comment.id} ownContent={comment.viewerIsAuthor} variant="comment" />
      ),
    [],
  );
  return <EntryDiscussion submission={submission} renderCommentTools={renderCommentTools} />;
}
