import { sql } from 'drizzle-orm';
import { canSeeSubmission, inStatusSet, type PolicyViewer, type ReportTargetType, type SubmissionStatus } from '@city-spirit/shared';
import type { Executor } from '../../db/client.ts';
import { toCampaignRules, type CampaignRules } from '../campaigns/service.ts';

/** Content a moderator acts on: an entry, or a comment (on an entry or, later, a draft). */
export type ModeratedContent = {
  type: ReportTargetType;
  id: string;
  campaign: CampaignRules;
  authorId: string;
  /** An entry's status, or a comment's: visible, hidden or deleted. */
  status: SubmissionStatus | 'visible' | 'hidden' | 'deleted';
  /** The entry it is (on), for links and notifications. */
  entryId: string;
  entryPhrase: string;
};

type Row = {
  id: string;
  status: string;
  author_id: string;
  entry_id: string;
  entry_phrase: string;
  entry_status: SubmissionStatus;
  entry_author_id: string;
  campaign_id: string;
  slug: string;
  stage: CampaignRules['stage'];
  settings: CampaignRules['settings'];
};

/**
 * The content with its campaign; `lock` takes its row, so that two moderators (or a report and a
 * moderator) acting at once see each other's result.
 */
export async function loadContent(db: Executor, type: ReportTargetType, id: string, lock = false): Promise<(ModeratedContent & { entryStatus: SubmissionStatus; entryAuthorId: string }) | null> {
  const { rows } =
    type === 'submission'
      ? await db.execute<Row>(sql`
          SELECT s.id, s.status::text AS status, s.author_id, s.id AS entry_id, s.phrase AS entry_phrase, s.status AS entry_status, s.author_id AS entry_author_id,
            c.id AS campaign_id, c.slug, c.stage, c.settings
          FROM submissions s JOIN campaigns c ON c.id = s.campaign_id WHERE s.id = ${id} ${lock ? sql`FOR UPDATE OF s` : sql``}`)
      : await db.execute<Row>(sql`
          SELECT k.id, CASE WHEN k.deleted_at IS NOT NULL THEN 'deleted' WHEN k.hidden_at IS NOT NULL THEN 'hidden' ELSE 'visible' END AS status,
            k.author_id, s.id AS entry_id, s.phrase AS entry_phrase, s.status AS entry_status, s.author_id AS entry_author_id,
            c.id AS campaign_id, c.slug, c.stage, c.settings
          FROM comments k JOIN submissions s ON s.id = k.target_id AND k.target_type = 'submission' JOIN campaigns c ON c.id = k.campaign_id
          WHERE k.id = ${id} ${lock ? sql`FOR UPDATE OF k` : sql``}`);
  const row = rows[0];
  if (!row) return null;
  return {
    type,
    id: row.id,
    campaign: toCampaignRules({ id: row.campaign_id, slug: row.slug, stage: row.stage, settings: row.settings }),
    authorId: row.author_id,
    status: row.status as ModeratedContent['status'],
    entryId: row.entry_id,
    entryPhrase: row.entry_phrase,
    entryStatus: row.entry_status,
    entryAuthorId: row.entry_author_id,
  };
}

/** Whether the viewer may see the content at all (and so report it): a comment goes with its entry. */
export function canSeeContent(content: { type: ReportTargetType; status: string; authorId: string; entryStatus: SubmissionStatus; entryAuthorId: string }, viewer: PolicyViewer): boolean {
  const entryVisible = canSeeSubmission({ status: content.entryStatus, authorId: content.entryAuthorId }, viewer);
  if (content.type === 'submission') return entryVisible;
  return entryVisible && content.status !== 'deleted';
}

/** Shown to everyone: a listed or merged entry, a comment neither hidden nor deleted. */
export const isShownContent = (content: { type: ReportTargetType; status: string }): boolean =>
  content.type === 'submission' ? inStatusSet('listed', content.status as SubmissionStatus) : content.status === 'visible';
