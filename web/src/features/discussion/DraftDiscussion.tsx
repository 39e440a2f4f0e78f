import { useMemo } from 'react';
import { inDraftStatusSet, type Draft } from '@city-spirit/shared';
import type { CommentTarget } from './api/keys.ts';
import { Discussion } from './Discussion.tsx';
import type { Thread } from './threadContext.ts';

/** The discussion of a draft the panel published, for the refine page. */
export function DraftDiscussion({
  draft,
  campaignSlug,
  renderCommentTools,
}: {
  draft: Pick<Draft, 'id' | 'status'>;
  campaignSlug: string;
  renderCommentTools?: Thread['renderCommentTools'];
}) {
  const target = useMemo<CommentTarget>(() => ({ type: 'draft', id: draft.id }), [draft.id]);
  return (
    <Discussion
      target={target}
      campaignSlug={campaignSlug}
      targetOpen={inDraftStatusSet('openToResidents', draft.status)}
      renderCommentTools={renderCommentTools}
    />
  );
}
