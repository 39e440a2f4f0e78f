import { sql } from 'drizzle-orm';
import {
  canCommentOnSubmission,
  canSeeDraft,
  canSeeSubmission,
  inDraftStatusSet,
  type CommentTargetType,
  type DraftStatus,
  type PolicyViewer,
  type StageAction,
  type SubmissionStatus,
} from '@city-spirit/shared';
import type { Executor } from '../../db/client.ts';
import { toCampaignRules, type CampaignRules } from '../campaigns/service.ts';

/** What a comment hangs on, as the discussion rules need it. */
export type CommentTarget = {
  type: CommentTargetType;
  id: string;
  campaign: CampaignRules & { title: string };
  authorId: string;
  /** How notifications name it: an entry's phrase, a draft's current wording. */
  title: string;
  /** Whether new comments (and votes on comments) are taken, whatever the stage. */
  open: boolean;
  /** The entry the web opens for it (none for a draft). */
  entryId: string | null;
};

type TargetKind = {
  /** The stage action that comments on this kind need. */
  stageAction: StageAction;
  /** The target, or null when it does not exist or the viewer may not see it. */
  load(db: Executor, id: string, viewer: PolicyViewer): Promise<CommentTarget | null>;
  /** Moves the target's own count of comments that are not deleted (its commentCount). */
  countComments(tx: Executor, id: string, delta: 1 | -1): Promise<void>;
};

/** The campaign columns each target's query selects beside the target, and the campaign made of them. */
type CampaignColumns = { campaign_id: string; slug: string; stage: CampaignRules['stage']; settings: CampaignRules['settings']; title: string };
const campaignOf = (row: CampaignColumns): CommentTarget['campaign'] => ({
  ...toCampaignRules({ id: row.campaign_id, slug: row.slug, stage: row.stage, settings: row.settings }),
  title: row.title,
});

const submissionTarget: TargetKind = {
  stageAction: 'comment',
  async load(db, id, viewer) {
    const { rows } = await db.execute<{
      id: string;
      status: SubmissionStatus;
      author_id: string;
      phrase: string;
    } & CampaignColumns>(sql`
      SELECT s.id, s.status, s.author_id, s.phrase, c.id AS campaign_id, c.slug, c.stage, c.settings, c.title
      FROM submissions s JOIN campaigns c ON c.id = s.campaign_id WHERE s.id = ${id}`);
    const row = rows[0];
    if (!row || !canSeeSubmission({ status: row.status, authorId: row.author_id }, viewer)) return null;
    return {
      type: 'submission',
      id: row.id,
      campaign: campaignOf(row),
      authorId: row.author_id,
      title: row.phrase,
      open: canCommentOnSubmission({ status: row.status }),
      entryId: row.id,
    };
  },
  async countComments(tx, id, delta) {
    await tx.execute(sql`UPDATE submissions SET comment_count = comment_count + ${delta} WHERE id = ${id}`);
  },
};

/** A draft: seen as the policy says, open to residents' comments once published (until adopted). */
const draftTarget: TargetKind = {
  stageAction: 'commentOnDraft',
  async load(db, id, viewer) {
    const { rows } = await db.execute<{
      id: string;
      status: DraftStatus;
      author_id: string;
      text: string;
    } & CampaignColumns>(sql`
      SELECT d.id, d.status, d.author_id, v.text, c.id AS campaign_id, c.slug, c.stage, c.settings, c.title
      FROM drafts d JOIN draft_versions v ON v.draft_id = d.id AND v.number = d.current_version JOIN campaigns c ON c.id = d.campaign_id
      WHERE d.id = ${id}`);
    const row = rows[0];
    if (!row || !canSeeDraft({ status: row.status }, viewer)) return null;
    return {
      type: 'draft',
      id: row.id,
      campaign: campaignOf(row),
      authorId: row.author_id,
      title: row.text,
      open: inDraftStatusSet('openToResidents', row.status),
      entryId: null,
    };
  },
  async countComments(tx, id, delta) {
    await tx.execute(sql`UPDATE drafts SET comment_count = comment_count + ${delta} WHERE id = ${id}`);
  },
};

/** Every kind of comment target; a new kind adds its entry here, and the routes and rules stay as they are. */
export const COMMENT_TARGETS: Record<CommentTargetType, TargetKind> = {
  submission: submissionTarget,
  draft: draftTarget,
};
