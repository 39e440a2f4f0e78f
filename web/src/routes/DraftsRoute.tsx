import { useCallback } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { Campaign, Comment, Draft } from '@city-spirit/shared';
import { canAppealComment, CommentAppeal } from '../features/appeals/CommentAppeal.tsx';
import { DraftDiscussion } from '../features/discussion/DraftDiscussion.tsx';
import { DraftsPage } from '../features/drafts/DraftsPage.tsx';
import { ReportButton } from '../features/reports/ReportButton.tsx';
import { resultKeys } from '../features/result/api/keys.ts';
import { paths } from '../paths.ts';

/**
 * The published drafts with their votes, and the opened draft's discussion with a way to report or
 * appeal each comment; once the admin adopts one, its result is read afresh and shown.
 */
export function DraftsRoute() {
  const client = useQueryClient();
  const navigate = useNavigate();
  const showResult = useCallback(
    (slug: string) => {
      void client.invalidateQueries({ queryKey: resultKeys.detail(slug) });
      void navigate(paths.result(slug));
    },
    [client, navigate],
  );
  return <DraftsPage renderThread={(draft, campaign) => <DraftThread draft={draft} campaign={campaign} />} onAdopted={showResult} />;
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
