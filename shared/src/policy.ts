import { PUBLIC_SUBMISSION_STATUSES, SUBMISSION_STATUSES, type Role, type SubmissionStatus } from './domain.ts';
import { stageAllows, type StageAction } from './campaign.ts';
import type { Stage } from './domain.ts';
import type { DraftStatus } from './drafting.ts';

/**
 * The rules about resources, in one place: named status sets and pure predicates that the server,
 * its SQL (partial indexes and filters are built from these sets) and the web all ask. A status or a
 * role rule is added here, and everything else follows.
 */
export type PolicyViewer = { id: string; role: Role } | null;

type StatusSet = readonly SubmissionStatus[];

export const SUBMISSION_STATUS_SETS = {
  /** Seen by everyone; the rest only by their author and staff. */
  public: PUBLIC_SUBMISSION_STATUSES,
  /** In the lists, the similar-phrase search and the pairs; open to support, comments and comparison. */
  listed: ['published', 'shortlisted'],
  /** Holding their phrase: a new entry with the same normalized phrase is a duplicate of these. */
  holdingPhrase: ['pending', 'published', 'shortlisted'],
  /** Still the author's to edit or withdraw. */
  editable: ['pending', 'published'],
  /** Taken out of sight by a moderation decision, which the author may appeal. */
  appealable: ['hidden', 'rejected'],
  /** What the panel assesses, keeps notes on and drafts from: the shortlist. */
  draftSources: ['shortlisted'],
  /** Counted against the author's maxSubmissionsPerUser. */
  countedForAuthor: SUBMISSION_STATUSES.filter((status) => status !== 'withdrawn'),
} as const satisfies Record<string, StatusSet>;
export type SubmissionStatusSet = keyof typeof SUBMISSION_STATUS_SETS;

export const inStatusSet = (set: SubmissionStatusSet, status: SubmissionStatus): boolean => (SUBMISSION_STATUS_SETS[set] as StatusSet).includes(status);

/** Who sees everything that is not public and moderates: moderators and admins. */
export const isStaff = (viewer: { role: Role } | null): boolean => viewer?.role === 'moderator' || viewer?.role === 'admin';

/** Roles whose comments carry a badge naming the role. */
export const BADGED_ROLES = ['moderator', 'expert', 'admin'] as const satisfies readonly Role[];
export const hasRoleBadge = (role: Role): boolean => (BADGED_ROLES as readonly Role[]).includes(role);

export const isPublicSubmissionStatus = (status: SubmissionStatus): boolean => inStatusSet('public', status);

type Entry = { status: SubmissionStatus; authorId: string };

/** Public entries are seen by everyone; the others by their author and staff. */
export function canSeeSubmission(entry: Entry, viewer: PolicyViewer): boolean {
  return isPublicSubmissionStatus(entry.status) || isStaff(viewer) || entry.authorId === viewer?.id;
}

/** Only the author changes or withdraws an entry, while it is pending or published and the stage allows it. */
export function canChangeSubmission(
  entry: { status: SubmissionStatus; ownedByViewer: boolean },
  stage: Stage,
  action: Extract<StageAction, 'editOwnSubmission' | 'withdrawOwnSubmission'>,
): boolean {
  return entry.ownedByViewer && inStatusSet('editable', entry.status) && stageAllows(stage, action);
}

/** An entry can be supported while it is listed and the stage takes votes. */
export const canSupportSubmission = (entry: { status: SubmissionStatus }, stage: Stage): boolean => inStatusSet('listed', entry.status) && stageAllows(stage, 'vote');

/**
 * Votes that count against a resident's budget: those on listed entries. A vote on an entry that
 * left the lists (withdrawn, hidden, rejected, merged away) gives its place back, and stays
 * the voter's to take back.
 */
export const VOTE_BUDGET_STATUSES = SUBMISSION_STATUS_SETS.listed;

/** Entries open to new comments (a merged entry stays readable, its discussion closed). */
export const canCommentOnSubmission = (entry: { status: SubmissionStatus }): boolean => inStatusSet('listed', entry.status);

/** The author of a hidden or rejected entry may appeal the decision (once per decision; the server checks). */
export const canAppealSubmission = (entry: { status: SubmissionStatus; ownedByViewer: boolean }): boolean =>
  entry.ownedByViewer && inStatusSet('appealable', entry.status);

/** The expert panel: experts, and admins (who may do what every role can). */
export const isPanelMember = (viewer: { role: Role } | null): boolean => viewer?.role === 'expert' || viewer?.role === 'admin';

export const DRAFT_STATUS_SETS = {
  /** Seen by everyone, open to comments and residents' votes; the rest only by the panel. */
  public: ['published', 'adopted'],
  /** Still the panel's to revise, endorse and publish. */
  inPanelReview: ['draft'],
  /** Open to residents' comments and votes while the stage allows them. */
  openToResidents: ['published'],
  /** May be adopted as the campaign's wording. */
  adoptable: ['published'],
} as const satisfies Record<string, readonly DraftStatus[]>;
export type DraftStatusSet = keyof typeof DRAFT_STATUS_SETS;
export const inDraftStatusSet = (set: DraftStatusSet, status: DraftStatus): boolean => (DRAFT_STATUS_SETS[set] as readonly DraftStatus[]).includes(status);

/** The panel sees every draft; everyone else the published and adopted ones. */
export const canSeeDraft = (draft: { status: DraftStatus }, viewer: PolicyViewer): boolean => inDraftStatusSet('public', draft.status) || isPanelMember(viewer);

/** The panel's notes are its own: never shown to anyone outside it. */
export const canSeePanelNotes = (viewer: PolicyViewer): boolean => isPanelMember(viewer);

/** The panel sees its assessments as they are made; everyone sees them once the campaign is announced. */
export const canSeeAssessments = (viewer: PolicyViewer, stage: Stage): boolean => isPanelMember(viewer) || stage === 'announced';

/** The panel's stances on a draft, with their notes: the panel's own until the campaign is announced, then everyone's. */
export const canSeeEndorsements = (viewer: PolicyViewer, stage: Stage): boolean => isPanelMember(viewer) || stage === 'announced';

/**
 * The panel may publish a draft when its endorsements reach the quorum and outnumber its objections.
 * Those counted are the stances on the draft's current version, including those of experts whose
 * role was taken away since (decision 0013).
 */
export const canPublishDraft = (draft: { status: DraftStatus; endorsements: number; objections: number }, panelQuorum: number): boolean =>
  inDraftStatusSet('inPanelReview', draft.status) && draft.endorsements >= panelQuorum && draft.endorsements > draft.objections;

/** Only shortlisted entries are assessed by the panel and drafted from. */
export const isShortlisted = (entry: { status: SubmissionStatus }): boolean => inStatusSet('draftSources', entry.status);

/** Admins move a campaign on to its next stage and adopt the wording that announces it. */
export const canChangeStage = (viewer: { role: Role } | null): boolean => viewer?.role === 'admin';
export const canAdoptDraft = (viewer: { role: Role } | null): boolean => viewer?.role === 'admin';
