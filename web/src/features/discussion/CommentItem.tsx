import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COMMENT_MAX_DEPTH, hasRoleBadge, type Comment } from '@city-spirit/shared';
import { CommentBody } from './CommentBody.tsx';
import { CommentComposer } from './CommentComposer.tsx';
import { CommentEditForm } from './CommentEditForm.tsx';
import { CommentReplies } from './CommentReplies.tsx';
import { CommentVotes } from './CommentVotes.tsx';
import { useRelativeTime } from '../../i18n/relativeTime.ts';
import { DeleteComment } from './DeleteComment.tsx';
import { canStillEdit, useThread } from './threadContext.ts';

/**
 * One comment: who, where they stand, when; the text (or the place of a deleted one); votes and the
 * author's own actions; a reply form in place; and, above the deepest level, its replies.
 */
export function CommentItem({ comment }: { comment: Comment }) {
  const { t } = useTranslation();
  const { user, open, now, renderCommentTools } = useThread();
  const time = useRelativeTime();
  const [mode, setMode] = useState<'read' | 'reply' | 'edit'>('read');
  const [repliesOpen, setRepliesOpen] = useState(false);
  const card = useRef<HTMLElement>(null);
  // When a form in the comment closes, or the comment is deleted, the focus stays with the comment.
  const backToComment = () => {
    setMode('read');
    requestAnimationFrame(() => card.current?.focus());
  };
  const hasReplyList = comment.depth < COMMENT_MAX_DEPTH;
  const editing = mode === 'edit' && comment.body !== null && canStillEdit(comment, now);

  const replied = (reply: Comment) => {
    backToComment();
    // A reply under this comment shows among its replies; a reply beside a deepest comment, beside it.
    if (reply.parentId === comment.id) setRepliesOpen(true);
  };

  return (
    <li className="comment" data-depth={comment.depth} id={`comment-${comment.id}`}>
      <article
        ref={card}
        tabIndex={-1}
        className="comment__card"
        data-deleted={comment.deleted || undefined}
        aria-label={
          comment.author ? t('discussion.comment.label', { name: comment.author.displayName }) : t(comment.deleted ? 'discussion.comment.deletedLabel' : 'discussion.comment.hiddenLabel')
        }
      >
        {comment.deleted || !comment.author || comment.body === null ? (
          <p className="comment__deleted">{t(comment.deleted ? 'discussion.comment.deleted' : 'discussion.comment.hidden')}</p>
        ) : (
          <>
            <header className="comment__meta">
              <span className="comment__author">
                {comment.author.displayName}
                {comment.viewerIsAuthor && <span className="comment__you">{t('discussion.comment.you')}</span>}
              </span>
              {hasRoleBadge(comment.author.role) && (
                <span className="role-badge" data-role={comment.author.role}>
                  <span className="visually-hidden">{t('header.roleLabel')}</span>
                  {t(`roles.${comment.author.role}`)}
                </span>
              )}
              <span className="stance-badge" data-stance={comment.stance}>
                <span className="visually-hidden">{t('discussion.stance.label')}</span>
                {t(`discussion.stance.${comment.stance}`)}
              </span>
              <span className="comment__time">
                <time dateTime={comment.createdAt}>{time(comment.createdAt, now)}</time>
                {comment.edited && <span className="comment__edited"> · {t('discussion.comment.edited')}</span>}
              </span>
            </header>
            {comment.hidden && <p className="comment__hidden-note">{t('discussion.comment.hiddenForYou')}</p>}
            {comment.replyTo && <p className="comment__reply-to">{t('discussion.comment.replyTo', { name: comment.replyTo.displayName })}</p>}
            {editing ? <CommentEditForm comment={{ ...comment, body: comment.body }} onDone={backToComment} /> : <CommentBody body={comment.body} />}
            {!editing && (
              <div className="comment__actions">
                <CommentVotes comment={comment} />
                {open && user && mode !== 'reply' && (
                  <button type="button" className="comment__action" onClick={() => setMode('reply')}>
                    {t('discussion.actions.reply')}
                  </button>
                )}
                {comment.viewerIsAuthor && canStillEdit(comment, now) && (
                  <button type="button" className="comment__action" onClick={() => setMode('edit')}>
                    {t('discussion.actions.edit')}
                  </button>
                )}
                {comment.viewerIsAuthor && <DeleteComment comment={comment} onDeleted={backToComment} />}
                {renderCommentTools?.(comment)}
              </div>
            )}
            {mode === 'reply' && user && open && (
              <CommentComposer
                user={user}
                idPrefix={`reply-${comment.id}`}
                replyTo={{ id: comment.id, name: comment.author.displayName }}
                onPosted={replied}
                onCancel={backToComment}
              />
            )}
          </>
        )}
      </article>
      {hasReplyList && <CommentReplies parent={comment} open={repliesOpen} onOpenChange={setRepliesOpen} />}
    </li>
  );
}
