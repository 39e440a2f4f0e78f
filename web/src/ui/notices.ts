import { z } from 'zod';

/** Short messages a page leaves for the next one, through the router's location state. */
const noticeStateSchema = z.object({ notice: z.enum(['signedOut', 'accountDeleted', 'submissionPublished', 'submissionPending', 'draftCreated']) });
export type Notice = z.infer<typeof noticeStateSchema>['notice'];

export const noticeState = (notice: Notice) => ({ notice });

export function noticeFrom(locationState: unknown): Notice | undefined {
  const parsed = noticeStateSchema.safeParse(locationState);
  return parsed.success ? parsed.data.notice : undefined;
}
