import { z } from 'zod';

export const STAGES = ['collect', 'discuss', 'refine', 'announced'] as const;
export const stageSchema = z.enum(STAGES);
export type Stage = z.infer<typeof stageSchema>;

export function nextStage(stage: Stage): Stage | null {
  const index = STAGES.indexOf(stage);
  return STAGES[index + 1] ?? null;
}

/** Whether the campaign has come to `since` or gone beyond it. */
export const stageReached = (stage: Stage, since: Stage): boolean => STAGES.indexOf(stage) >= STAGES.indexOf(since);

export const ROLES = ['resident', 'moderator', 'expert', 'admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const SUBMISSION_STATUSES = [
  'pending',
  'published',
  'hidden',
  'rejected',
  'merged',
  'withdrawn',
  'shortlisted',
] as const;
export const submissionStatusSchema = z.enum(SUBMISSION_STATUSES);
export type SubmissionStatus = z.infer<typeof submissionStatusSchema>;

/** Statuses everyone may see; the rest are visible to their author and moderators only. */
export const PUBLIC_SUBMISSION_STATUSES = ['published', 'shortlisted', 'merged'] as const satisfies readonly SubmissionStatus[];

export const LOCALES = ['zh-CN', 'en'] as const;
export const localeSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof localeSchema>;
export const DEFAULT_LOCALE: Locale = 'zh-CN';
