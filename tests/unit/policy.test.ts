import { describe, expect, it } from 'vitest';
import {
  canAdoptDraft,
  canChangeStage,
  canChangeSubmission,
  canCommentOnSubmission,
  canSeeSubmission,
  canSupportSubmission,
  isStaff,
  ROLES,
  STAGES,
  SUBMISSION_STATUSES,
  type Role,
  type Stage,
  type SubmissionStatus,
} from '@city-spirit/shared';

// The specification, written out here on its own: who sees, changes, supports and discusses an
// entry in each status, role and stage. The policy module must agree with it in every combination.
const PUBLIC: SubmissionStatus[] = ['published', 'shortlisted', 'merged'];
const LISTED: SubmissionStatus[] = ['published', 'shortlisted'];
const EDITABLE: SubmissionStatus[] = ['pending', 'published'];
const STAFF: Role[] = ['moderator', 'admin'];
const VOTING_STAGES: Stage[] = ['collect', 'discuss'];
const EDITING_STAGES: Stage[] = ['collect'];

describe('the policy module', () => {
  for (const status of SUBMISSION_STATUSES) {
    for (const role of ROLES) {
      for (const relation of ['author', 'someone else', 'anonymous'] as const) {
        const viewer = relation === 'anonymous' ? null : { id: relation === 'author' ? 'a' : 'b', role };
        if (relation === 'anonymous' && role !== 'resident') continue;
        it(`${status} entry, ${relation === 'anonymous' ? 'anonymous visitor' : `${role} (${relation})`}`, () => {
          const entry = { status, authorId: 'a' };
          const sees = PUBLIC.includes(status) || relation === 'author' || (viewer !== null && STAFF.includes(role));
          expect(canSeeSubmission(entry, viewer), 'sees').toBe(sees);
          for (const stage of STAGES) {
            const owned = relation === 'author';
            expect(canChangeSubmission({ status, ownedByViewer: owned }, stage, 'editOwnSubmission'), `edits in ${stage}`).toBe(
              owned && EDITABLE.includes(status) && EDITING_STAGES.includes(stage),
            );
            expect(canChangeSubmission({ status, ownedByViewer: owned }, stage, 'withdrawOwnSubmission'), `withdraws in ${stage}`).toBe(
              owned && EDITABLE.includes(status) && EDITING_STAGES.includes(stage),
            );
            expect(canSupportSubmission(entry, stage), `supports in ${stage}`).toBe(LISTED.includes(status) && VOTING_STAGES.includes(stage));
          }
          expect(canCommentOnSubmission(entry), 'open to comments').toBe(LISTED.includes(status));
        });
      }
    }
  }

  it('counts moderators and admins as staff, never residents or experts', () => {
    expect(ROLES.filter((role) => isStaff({ role }))).toEqual(STAFF);
    expect(isStaff(null)).toBe(false);
  });
});

describe('who moves a campaign on and adopts its wording', () => {
  it('lets admins alone change the stage and adopt a draft, and nobody signed out', () => {
    for (const role of ROLES) {
      expect(canChangeStage({ role }), role).toBe(role === 'admin');
      expect(canAdoptDraft({ role }), role).toBe(role === 'admin');
    }
    expect(canChangeStage(null)).toBe(false);
    expect(canAdoptDraft(null)).toBe(false);
  });
});
