import { uniqueComments } from './api/cache.ts';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Comment } from '@city-spirit/shared';
import { useLocaleFormat } from '../../i18n/format.ts';
import { repliesQuery } from './api/listComments.ts';
import { CommentItem } from './CommentItem.tsx';
import { useThread } from './threadContext.ts';

type Props = { parent: Comment; open: boolean; onOpenChange: (open: boolean) => void };

/** "Show 3 replies": the replies are asked for when opened, oldest first, a page at a time. */
export function CommentReplies({ parent, open, onOpenChange }: Props) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const { target } = useThread();
  const query = useInfiniteQuery({ ...repliesQuery(target, parent.id), enabled: open });
  const listId = `replies-${parent.id}`;
  if (parent.replyCount === 0) return null;
  if (!open) {
    return (
      <p className="comment-replies__toggle">
        <button type="button" className="link-button" aria-expanded={false} onClick={() => onOpenChange(true)}>
          {t('discussion.replies.show', { count: parent.replyCount, formatted: format.number(parent.replyCount) })}
        </button>
      </p>
    );
  }
  const replies = uniqueComments(query.data?.pages);
  return (
    <div className="comment-replies">
      <p className="comment-replies__toggle">
        <button type="button" className="link-button" aria-expanded={true} aria-controls={listId} onClick={() => onOpenChange(false)}>
          {t('discussion.replies.hide')}
        </button>
      </p>
      <ol id={listId} className="comment-list comment-list--replies">
        {replies.map((reply) => (
          <CommentItem key={reply.id} comment={reply} />
        ))}
      </ol>
      {query.isPending && (
        <p className="comment-replies__status" role="status">
          <span className="spinner" aria-hidden="true" /> {t('discussion.replies.loading')}
        </p>
      )}
      {(query.isError || query.isFetchNextPageError) && (
        <p className="inline-error comment-replies__error" role="alert">
          {t('discussion.replies.failed')}
        </p>
      )}
      {query.hasNextPage && (
        <p className="comment-replies__more">
          <button
            type="button"
            className="button button--secondary button--small"
            aria-disabled={query.isFetchingNextPage || undefined}
            onClick={() => !query.isFetchingNextPage && void query.fetchNextPage()}
          >
            {query.isFetchingNextPage ? t('discussion.loadingMore') : t('discussion.replies.more')}
          </button>
        </p>
      )}
    </div>
  );
}
