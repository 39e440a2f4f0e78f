import { PUBLIC_SUBMISSION_STATUSES, type Role, type SubmissionStatus } from './domain.ts';

/**
 * Rules about resources, as pure predicates the server and the web both ask. (The moderation work
 * moves the remaining status sets here.)
 */
export type PolicyViewer = { id: string; role: Role } | null;

/** Who sees everything that is not public and moderates: moderators and admins. */
export const isStaff = (viewer: PolicyViewer): boolean => viewer?.role === 'moderator' || viewer?.role === 'admin';

/** Roles whose comments carry a badge naming the role. */
export const BADGED_ROLES = ['moderator', 'expert', 'admin'] as const satisfies readonly Role[];
export const hasRoleBadge = (role: Role): boolean => (BADGED_ROLES as readonly Role[]).includes(role);

export const isPublicSubmissionStatus = (status: SubmissionStatus): boolean => (PUBLIC_SUBMISSION_STATUSES as readonly string[]).includes(status);

/** Public entries are seen by everyone; the others by their author and staff. */
export function canSeeSubmission(entry: { status: SubmissionStatus; authorId: string }, viewer: PolicyViewer): boolean {
  return isPublicSubmissionStatus(entry.status) || isStaff(viewer) || entry.authorId === viewer?.id;
}

/** Entries open to new comments (a merged entry stays readable, its discussion closed). */
export const COMMENTABLE_SUBMISSION_STATUSES = ['published', 'shortlisted'] as const satisfies readonly SubmissionStatus[];
export const canCommentOnSubmission = (entry: { status: SubmissionStatus }): boolean =>
  (COMMENTABLE_SUBMISSION_STATUSES as readonly string[]).includes(entry.status);
