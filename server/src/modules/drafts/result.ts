import { sql } from 'drizzle-orm';
import { inDraftStatusSet, type CampaignFigures, type CampaignResult, type Criterion, type PolicyViewer } from '@city-spirit/shared';
import type { Executor } from '../../db/client.ts';
import { draftStatusIn, statusIn } from '../../db/status-sql.ts';
import { notFound } from '../../errors.ts';
import { getCampaign } from '../campaigns/service.ts';
import { listAssessments } from '../panel/assessments.ts';
import type { Scores } from '../shortlist/listing.ts';
import { campaignDrafts, endorsementsOf, versionsOf } from './listing.ts';

type SourceRow = {
  id: string;
  phrase: string;
  explanation: string;
  author_name: string;
  district_code: string | null;
  vote_count: number;
  comment_count: number;
  created_at: string;
  shortlist_rationale: string | null;
  in_versions: number[];
};

/** An entry the panel did not assess (or no longer has on its shortlist): no experts, no means. */
function unassessed(criteria: Criterion[]) {
  return { experts: 0, means: Object.fromEntries(criteria.map((criterion) => [criterion.key, null])), overall: null };
}

/** Every entry any version of the draft drew on that is still public, with its author, counts and shortlist rationale. */
async function sourcesOf(db: Executor, draftId: string) {
  const { rows } = await db.execute<SourceRow>(sql`
    WITH drawn AS (
      SELECT k.id, array_agg(DISTINCT v.number ORDER BY v.number) AS in_versions, min(v.number * 1000 + k.ord) AS first_place
      FROM draft_versions v CROSS JOIN unnest(v.source_submission_ids) WITH ORDINALITY AS k(id, ord)
      WHERE v.draft_id = ${draftId} GROUP BY k.id
    )
    SELECT s.id, s.phrase, s.explanation, u.display_name AS author_name, s.district_code, s.vote_count, s.comment_count, s.created_at,
      se.rationale AS shortlist_rationale, drawn.in_versions
    FROM drawn JOIN submissions s ON s.id = drawn.id AND ${statusIn('s.status', 'public')} JOIN users u ON u.id = s.author_id
    LEFT JOIN shortlist_entries se ON se.submission_id = s.id
    ORDER BY drawn.first_place`);
  return rows;
}

/**
 * The campaign's figures, each counted from the rows behind it, in one statement. Votes and comments
 * are those on what everyone still sees, so that they equal the sums of the counts the entries and
 * drafts show (an entry hidden since takes its votes and comments out of the figures).
 */
async function figuresOf(db: Executor, campaignId: string): Promise<CampaignFigures> {
  const { rows } = await db.execute<Record<keyof CampaignFigures, string>>(sql`
    SELECT
      (SELECT count(*) FROM submissions WHERE campaign_id = ${campaignId} AND ${statusIn('status', 'public')}) AS entries,
      (SELECT count(DISTINCT district_code) FROM submissions WHERE campaign_id = ${campaignId} AND ${statusIn('status', 'public')}) AS districts,
      (SELECT count(*) FROM (
        SELECT author_id FROM submissions WHERE campaign_id = ${campaignId}
        UNION SELECT user_id FROM votes WHERE campaign_id = ${campaignId}
        UNION SELECT user_id FROM comparisons WHERE campaign_id = ${campaignId} AND valid
        UNION SELECT author_id FROM comments WHERE campaign_id = ${campaignId}
        UNION SELECT user_id FROM draft_votes WHERE campaign_id = ${campaignId}
      ) p) AS participants,
      (SELECT count(*) FROM votes v JOIN submissions s ON s.id = v.submission_id AND ${statusIn('s.status', 'public')} WHERE v.campaign_id = ${campaignId}) AS votes,
      (SELECT count(*) FROM comparisons WHERE campaign_id = ${campaignId} AND valid) AS comparisons,
      (SELECT count(*) FROM comments k WHERE k.campaign_id = ${campaignId} AND k.deleted_at IS NULL AND (
        EXISTS (SELECT 1 FROM submissions s WHERE k.target_type = 'submission' AND s.id = k.target_id AND ${statusIn('s.status', 'public')})
        OR EXISTS (SELECT 1 FROM drafts d WHERE k.target_type = 'draft' AND d.id = k.target_id AND ${draftStatusIn('d.status', 'public')}))) AS comments,
      (SELECT count(*) FROM draft_votes WHERE campaign_id = ${campaignId}) AS "draftVotes"`);
  const row = rows[0]!;
  return {
    entries: Number(row.entries),
    participants: Number(row.participants),
    districts: Number(row.districts),
    votes: Number(row.votes),
    comparisons: Number(row.comparisons),
    comments: Number(row.comments),
    draftVotes: Number(row.draftVotes),
  };
}

/** The announced wording with where it came from: its versions, sources, the panel's stances, the residents' tally and the campaign's figures. */
export async function campaignResult(db: Executor, scores: Scores, viewer: PolicyViewer, slug: string): Promise<CampaignResult> {
  const campaign = await getCampaign(db, slug);
  if (campaign.stage !== 'announced') throw notFound('The campaign has not been announced yet; its result is published when it is.');
  const drafts = (await campaignDrafts(db, campaign, viewer)).filter((draft) => inDraftStatusSet('public', draft.status));
  const adopted = drafts.find((draft) => draft.status === 'adopted');
  if (!adopted) throw notFound('This campaign was announced without an adopted wording.');
  const [versions, sources, endorsements, figures, scored, assessments] = await Promise.all([
    versionsOf(db, adopted.id),
    sourcesOf(db, adopted.id),
    endorsementsOf(db, adopted.id),
    figuresOf(db, campaign.id),
    scores(campaign.id),
    // Announced, the panel's figures are everyone's to see: the same summaries its own page shows.
    listAssessments(db, viewer, slug),
  ]);
  const criteria = campaign.settings.criteria;
  const assessed = new Map(assessments.items.map((item) => [item.submissionId, { experts: item.experts, means: item.means, overall: item.overall }]));
  return {
    wording: adopted.text,
    adoptedAt: adopted.adoptedAt!,
    draft: adopted,
    versions,
    sources: sources.map((row) => ({
      submission: {
        id: row.id,
        phrase: row.phrase,
        explanation: row.explanation,
        author: { displayName: row.author_name },
        districtCode: row.district_code,
        voteCount: Number(row.vote_count),
        commentCount: Number(row.comment_count),
        createdAt: new Date(row.created_at).toISOString(),
      },
      score: scored.get(row.id) ?? null,
      shortlistRationale: row.shortlist_rationale,
      assessment: assessed.get(row.id) ?? unassessed(criteria),
      inVersions: row.in_versions.map(Number),
    })),
    endorsements,
    criteria,
    tally: drafts
      .map((draft) => ({ draftId: draft.id, text: draft.text, voteCount: draft.voteCount, adopted: draft.id === adopted.id }))
      .sort((a, b) => b.voteCount - a.voteCount || Number(b.adopted) - Number(a.adopted)),
    figures,
    stages: campaign.stageHistory,
  };
}
