import { sql } from 'drizzle-orm';
import type { Role, ShortlistItem } from '@city-spirit/shared';
import type { Executor } from '../../db/client.ts';
import { notFound } from '../../errors.ts';
import { campaignRules, type CampaignRules } from '../campaigns/service.ts';
import { voteCountsHiddenFor } from '../votes/service.ts';

type Viewer = { id: string; role: Role } | null;
/** The pairwise scores of a campaign's entries, from the ranking's latest fit. */
export type Scores = (campaignId: string) => Promise<ReadonlyMap<string, number>>;

type ShortlistRow = {
  id: string;
  phrase: string;
  explanation: string;
  status: ShortlistItem['submission']['status'];
  district_code: string | null;
  vote_count: number;
  comment_count: number;
  author_name: string;
  rationale: string;
  shortlisted_at: string;
};

/** Entries on the shortlist (hidden or merged since, they are not). */
function shortlistRows(db: Executor, campaignId: string, submissionId?: string) {
  return db.execute<ShortlistRow>(sql`
    SELECT s.id, s.phrase, s.explanation, s.status, s.district_code, s.vote_count, s.comment_count,
      u.display_name AS author_name, se.rationale, se.created_at AS shortlisted_at
    FROM shortlist_entries se JOIN submissions s ON s.id = se.submission_id JOIN users u ON u.id = s.author_id
    WHERE se.campaign_id = ${campaignId} AND s.status = 'shortlisted' ${submissionId ? sql`AND s.id = ${submissionId}` : sql``}`);
}

function toItem(row: ShortlistRow, scores: ReadonlyMap<string, number>, countsHidden: boolean): ShortlistItem {
  return {
    submission: {
      id: row.id,
      phrase: row.phrase,
      explanation: row.explanation,
      status: row.status,
      districtCode: row.district_code,
      author: { displayName: row.author_name },
    },
    rationale: row.rationale,
    voteCount: countsHidden ? null : Number(row.vote_count),
    commentCount: Number(row.comment_count),
    score: scores.get(row.id) ?? null,
    shortlistedAt: new Date(row.shortlisted_at).toISOString(),
  };
}

/** Best pairwise score first, unscored last; then most support (where the viewer may see it); then the earliest picked. */
function byStanding(a: ShortlistItem, b: ShortlistItem): number {
  return (
    (b.score ?? -1) - (a.score ?? -1) ||
    (b.voteCount ?? 0) - (a.voteCount ?? 0) ||
    a.shortlistedAt.localeCompare(b.shortlistedAt) ||
    (a.submission.id < b.submission.id ? -1 : 1)
  );
}

async function items(db: Executor, scores: Scores, campaign: CampaignRules, viewer: Viewer, submissionId?: string): Promise<ShortlistItem[]> {
  const [{ rows }, scored] = await Promise.all([shortlistRows(db, campaign.id, submissionId), scores(campaign.id)]);
  const countsHidden = voteCountsHiddenFor(campaign, viewer);
  return rows.map((row) => toItem(row, scored, countsHidden)).sort(byStanding);
}

export async function listShortlist(db: Executor, scores: Scores, viewer: Viewer, slug: string): Promise<{ items: ShortlistItem[] }> {
  return { items: await items(db, scores, await campaignRules(db, { slug }), viewer) };
}

/** One entry as the shortlist shows it, right after it was put there. */
export async function shortlistItem(db: Executor, scores: Scores, viewer: Viewer, submissionId: string, campaignId: string): Promise<ShortlistItem> {
  const [item] = await items(db, scores, await campaignRules(db, { id: campaignId }), viewer, submissionId);
  if (!item) throw notFound('This entry is no longer on the shortlist.');
  return item;
}
