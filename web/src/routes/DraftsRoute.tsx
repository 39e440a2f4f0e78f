import { useCallback } from 'react';
import type { Campaign, Comment, Draft } from '@city-spirit/shared';
import { canAppealComment, CommentAppeal } from '../features/appeals/CommentAppeal.tsx';
import { DraftDiscussion } from '../features/discussion/DraftDiscussion.tsx';
import { DraftsPage } from '../features/drafts/DraftsPage.tsx';
import { ReportButton } from '../features/reports/ReportButton.tsx';

/** The published drafts with their votes, and the opened draft's discussion with a way to report or appeal each comment. */
export function DraftsRoute() {
  return <DraftsPage renderThread={(draft, campaign) => <DraftThread draft={draft} campaign={campaign} />} />;
}

function DraftThread({ draft, campaign }: { draft: Draft; campaign: Campaign }) {
  const renderCommentTools = useCallback(
    (comment: Comment) =>
      canAppealComment(comment) ? (
        <CommentAppeal comment={comment} />
      ) : (
        !comment.deleted && !comment.hidden && <ReportButton targetType="comment" targetId={comment.id} ownContent={comment.viewerIsAuthor} variant="comment" />
      ),
    [],
  );
  return <DraftDiscussion draft={draft} campaignSlug={campaign.slug} renderCommentTools={renderCommentTools} />;
}
