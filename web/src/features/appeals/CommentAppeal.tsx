import type { Comment } from '@city-spirit/shared';
import { AppealForm } from './AppealForm.tsx';

export const canAppealComment = (comment: Pick<Comment, 'hidden' | 'viewerIsAuthor' | 'deleted'>) => comment.hidden && comment.viewerIsAuthor && !comment.deleted;

/** Under the author's own hidden comment: a small "appeal" that opens the form in place. */
export function CommentAppeal({ comment }: { comment: Comment }) {
  return (
    <div className="comment-appeal">
      <AppealForm targetType="comment" targetId={comment.id} openerClassName="comment__action" />
    </div>
  );
}
