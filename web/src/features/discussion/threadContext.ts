import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Comment, OwnUser } from '@city-spirit/shared';
import type { CommentTarget } from './api/keys.ts';

export type Thread = {
  target: CommentTarget;
  /** Signed in (`null`: signed out; `undefined`: not known yet). */
  user: OwnUser | null | undefined;
  /** Whether the stage and the target take new comments and votes now. */
  open: boolean;
  /** The sign-in page, coming back here. */
  signInPath: string;
  /** The time the thread was last drawn at, moving every half minute: for "5 minutes ago" and the edit window. */
  now: number;
  /** What the page adds to each comment's actions from other features (reporting, appealing). */
  renderCommentTools?: ((comment: Comment) => ReactNode) | undefined;
};

export const ThreadContext = createContext<Thread | null>(null);

export function useThread(): Thread {
  const thread = useContext(ThreadContext);
  if (!thread) throw new Error('useThread outside a discussion thread');
  return thread;
}

const TICK_MS = 30_000;

/** One clock for the whole thread, rather than one per comment. */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export const canStillEdit = (comment: { editableUntil: string | null }, now: number): boolean =>
  comment.editableUntil !== null && new Date(comment.editableUntil).getTime() > now;
