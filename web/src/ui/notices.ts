import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { z } from 'zod';

/** Short messages a page leaves for the next one, through the router's location state. */
const noticeStateSchema = z.object({ notice: z.enum(['signedOut', 'accountDeleted', 'submissionPublished', 'submissionPending', 'draftCreated']) });
export type Notice = z.infer<typeof noticeStateSchema>['notice'];

export const noticeState = (notice: Notice) => ({ notice });

function noticeFrom(locationState: unknown): Notice | undefined {
  const parsed = noticeStateSchema.safeParse(locationState);
  return parsed.success ? parsed.data.notice : undefined;
}

/**
 * The notice the previous page left, shown while the visitor stays on this page. Once read, it
 * leaves the history entry, so a reload or coming back later does not show it again.
 */
export function useNotice(): Notice | undefined {
  const location = useLocation();
  const navigate = useNavigate();
  const arrived = noticeFrom(location.state);
  const [kept, setKept] = useState<{ pathname: string; notice: Notice } | null>(null);
  useEffect(() => {
    if (!arrived) return;
    setKept({ pathname: location.pathname, notice: arrived });
    navigate({ pathname: location.pathname, search: location.search, hash: location.hash }, { replace: true, state: null });
  }, [arrived, location.pathname, location.search, location.hash, navigate]);
  return arrived ?? (kept?.pathname === location.pathname ? kept.notice : undefined);
}
