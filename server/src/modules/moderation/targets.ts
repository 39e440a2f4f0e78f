import { sql } from 'drizzle-orm';
import { canSeeDraft, canSeeSubmission, inStatusSet, type DraftStatus, type PolicyViewer, type ReportTargetType, type SubmissionStatus } from '@city-spirit/shared';
import type { Executor } from '../../db/client.ts';
import { toCampaignRules, type CampaignRules } from '../campaigns/service.ts';

/** Content a moderator acts on: an entry, or a comment (on an entry or a published draft). */
export type ModeratedContent = {
  type: ReportTargetType;
  id: string;
  campaign: CampaignRules;
  authorId: string;
  /** An entry's status, or a comment's: visible, hidden or deleted. */
  status: SubmissionStatus | 'visible' | 'hidden' | 'deleted';
  /** The entry it is (on), for links and notifications; null for a comment on a draft. */
  entryId: string | null;
  /** How notifications name it: the entry's phrase, or the wording of the draft the comment is on. */
  title: string;
};

/** What a comment hangs on, as visibility needs it: an entry (status, author) or a draft (status). */
type Parent = { entryStatus: SubmissionStatus | null; entryAuthorId: string | null; draftStatus: DraftStatus | null };

type Row = {
  id: string;
  status: string;
  author_id: string;
  entry_id: string | null;
  title: string;
  entry_status: SubmissionStatus | null;
  entry_author_id: string | null;
  draft_status: DraftStatus | null;
  campaign_id: string;
  slug: string;
  stage: CampaignRules['stage'];
  settings: CampaignRules['settings'];
};

/**
 * The content with its campaign; `lock` takes its row, so that two moderators (or a report and a
 * moderator) acting at once see each other's result.
 */
export async function loadContent(db: Executor, type: ReportTargetType, id: string, lock = false): Promise<(ModeratedContent & Parent) | null> {
  const { rows } =
    type === 'submission'
      ? await db.execute<Row>(sql`
          SELECT s.id, s.status::text AS status, s.author_id, s.id AS entry_id, s.phrase AS title, s.status AS entry_status, s.author_id AS entry_author_id,
            NULL AS draft_status, c.id AS campaign_id, c.slug, c.stage, c.settings
          FROM submissions s JOIN campaigns c ON c.id = s.campaign_id WHERE s.id = ${id} ${lock ? sql`FOR UPDATE OF s` : sql``}`)
      : await db.execute<Row>(sql`
          SELECT k.id, CASE WHEN k.deleted_at IS NOT NULL THEN 'deleted' WHEN k.hidden_at IS NOT NULL THEN 'hidden' ELSE 'visible' END AS status,
            k.author_id, s.id AS entry_id, coalesce(s.phrase, v.text) AS title, s.status AS entry_status, s.author_id AS entry_author_id,
            d.status AS draft_status, c.id AS campaign_id, c.slug, c.stage, c.settings
          FROM comments k JOIN campaigns c ON c.id = k.campaign_id
          LEFT JOIN submissions s ON k.target_type = 'submission' AND s.id = k.target_id
          LEFT JOIN drafts d ON k.target_type = 'draft' AND d.id = k.target_id
          LEFT JOIN draft_versions v ON v.draft_id = d.id AND v.number = d.current_version
          WHERE k.id = ${id} AND (s.id IS NOT NULL OR d.id IS NOT NULL) ${lock ? sql`FOR UPDATE OF k` : sql``}`);
  const row = rows[0];
  if (!row) return null;
  return {
    type,
    id: row.id,
    campaign: toCampaignRules({ id: row.campaign_id, slug: row.slug, stage: row.stage, settings: row.settings }),
    authorId: row.author_id,
    status: row.status as ModeratedContent['status'],
    entryId: row.entry_id,
    title: row.title,
    entryStatus: row.entry_status,
    entryAuthorId: row.entry_author_id,
    draftStatus: row.draft_status,
  };
}

/** Whether the viewer may see the content at all (and so report it): a comment goes with what it is on. */
export function canSeeContent(content: { type: ReportTargetType; status: string; authorId: string } & Parent, viewer: PolicyViewer): boolean {
  const parentVisible = content.draftStatus
    ? canSeeDraft({ status: content.draftStatus }, viewer)
    : canSeeSubmission({ status: content.entryStatus!, authorId: content.entryAuthorId! }, viewer);
  if (content.type === 'submission') return parentVisible;
  return parentVisible && content.status !== 'deleted';
}

/** Shown to everyone: a listed or merged entry, a comment neither hidden nor deleted. */
export const isShownContent = (content: { type: ReportTargetType; status: string }): boolean =>
  content.type === 'submission' ? inStatusSet('listed', content.status as SubmissionStatus) : content.status === 'visible';
