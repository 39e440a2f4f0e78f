import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import type { CampaignEventData, Comment, CommentList } from '@city-spirit/shared';
import { commentKeys, type CommentTarget } from './keys.ts';

type Thread = InfiniteData<CommentList, string | null>;

/** The cached lists of a target (top level in each order, replies), leaving out the summary. */
const isThread = (data: unknown): data is Thread => Array.isArray((data as { pages?: unknown } | undefined)?.pages);

/** Changes one comment wherever the target's lists hold it. */
export function patchComment(client: QueryClient, target: CommentTarget, id: string, patch: (comment: Comment) => Comment): void {
  client.setQueriesData<Thread>({ queryKey: commentKeys.target(target) }, (old) => {
    if (!isThread(old)) return old;
    return { ...old, pages: old.pages.map((page) => ({ ...page, items: page.items.map((item) => (item.id === id ? patch(item) : item)) })) };
  });
}

function isCached(client: QueryClient, target: CommentTarget, id: string): boolean {
  return client
    .getQueriesData<Thread>({ queryKey: commentKeys.target(target) })
    .some(([, data]) => isThread(data) && data.pages.some((page) => page.items.some((item) => item.id === id)));
}

/**
 * Comments whose arrival this tab has counted (in its parent's replyCount). Both the author's own
 * request and the live event report a new comment, in either order; the count moves once.
 */
const counted = new WeakMap<QueryClient, Set<string>>();

function countOnce(client: QueryClient, id: string): boolean {
  const seen = counted.get(client) ?? new Set<string>();
  counted.set(client, seen);
  if (seen.has(id)) return false;
  seen.add(id);
  return true;
}

/** The resident's own new comment: shown at once at the head of the top level, or at the end of its parent's loaded replies. */
export function addOwnComment(client: QueryClient, target: CommentTarget, comment: Comment): void {
  if (countOnce(client, comment.id) && comment.parentId) {
    patchComment(client, target, comment.parentId, (parent) => ({ ...parent, replyCount: parent.replyCount + 1 }));
  }
  if (!isCached(client, target, comment.id)) {
    if (comment.parentId) {
      client.setQueryData<Thread>(commentKeys.replies(target, comment.parentId), (old) => {
        const last = old?.pages.at(-1);
        if (!old || !last || last.nextCursor) return old; // the rest is still to be loaded; it comes in its turn
        return { ...old, pages: [...old.pages.slice(0, -1), { ...last, items: [...last.items, comment] }] };
      });
    } else {
      client.setQueriesData<Thread>({ queryKey: commentKeys.topLevel(target) }, (old) => {
        if (!isThread(old) || old.pages.length === 0) return old;
        const [first, ...rest] = old.pages;
        return { ...old, pages: [{ ...first!, items: [comment, ...first!.items] }, ...rest] };
      });
    }
  }
  void client.invalidateQueries({ queryKey: commentKeys.summary(target) });
}

type CommentEvent = CampaignEventData<'comment.created'>;

const listKeyOf = (target: CommentTarget, parentId: string | null) =>
  parentId ? commentKeys.replies(target, parentId) : commentKeys.topLevel(target);

/**
 * A comment posted somewhere (live event): the list it joins is read again when shown, and its
 * parent's reply count moves. The tab's own comments are already in place.
 */
export function applyCommentCreated(client: QueryClient, event: CommentEvent): void {
  const target = { type: event.targetType, id: event.targetId };
  if (isCached(client, target, event.id)) {
    countOnce(client, event.id);
    return;
  }
  if (countOnce(client, event.id) && event.parentId) {
    patchComment(client, target, event.parentId, (parent) => ({ ...parent, replyCount: parent.replyCount + 1 }));
  }
  void client.invalidateQueries({ queryKey: listKeyOf(target, event.parentId) });
  void client.invalidateQueries({ queryKey: commentKeys.summary(target) });
}

/** A comment edited or deleted (live event): its list is read again. */
export function applyCommentChanged(client: QueryClient, event: CampaignEventData<'comment.changed'>): void {
  const target = { type: event.targetType, id: event.targetId };
  void client.invalidateQueries({ queryKey: listKeyOf(target, event.parentId) });
  void client.invalidateQueries({ queryKey: commentKeys.summary(target) });
}

/**
 * The comments of a list's pages in order, each once: a comment placed on the first page at once
 * (one's own, or arriving live) can come again on a later page as the order has it.
 */
export function uniqueComments(pages: readonly { items: readonly Comment[] }[] | undefined): Comment[] {
  const seen = new Set<string>();
  const comments: Comment[] = [];
  for (const page of pages ?? []) {
    for (const comment of page.items) {
      if (seen.has(comment.id)) continue;
      seen.add(comment.id);
      comments.push(comment);
    }
  }
  return comments;
}
