import { eq, sql } from 'drizzle-orm';
import { voteCountsHiddenInStage, type DataLicence, type OpenDataRow, dataLicence } from '@city-spirit/shared';
import type { Executor } from '../../db/client.ts';
import { campaigns } from '../../db/schema.ts';
import { statusIn } from '../../db/status-sql.ts';
import { notFound } from '../../errors.ts';
import { storedSettings } from '../campaigns/service.ts';
import type { Standing } from '../pairwise/service.ts';

/** Entries read per query: a batch is written out before the next is read. */
export const EXPORT_BATCH_SIZE = 1000;

export type ExportedCampaign = { id: string; slug: string; title: string; stage: string; countsHidden: boolean; licence: DataLicence };

export async function exportedCampaign(db: Executor, slug: string): Promise<ExportedCampaign> {
  const [row] = await db
    .select({ id: campaigns.id, slug: campaigns.slug, title: campaigns.title, stage: campaigns.stage, settings: campaigns.settings })
    .from(campaigns)
    .where(eq(campaigns.slug, slug));
  if (!row) throw notFound(`There is no campaign "${slug}".`);
  const settings = storedSettings(row.settings);
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    stage: row.stage,
    countsHidden: voteCountsHiddenInStage({ stage: row.stage, settings }),
    licence: dataLicence(settings.dataLicence),
  };
}

type EntryRow = {
  id: string;
  phrase: string;
  explanation: string;
  language: string;
  district_code: string | null;
  district_name_zh: string | null;
  district_name_en: string | null;
  status: string;
  created_at: string;
  updated_at: string;
  /** created_at at full precision, where the next batch starts after. */
  position: string;
  vote_count: number;
  comment_count: number;
  support: number;
  oppose: number;
  neutral: number;
  comparison_count: number;
  shortlisted: boolean;
  rationale: string | null;
  merged_into_id: string | null;
  history_actions: string[];
  history_times: string[];
};

const isoUtc = (column: string) => sql.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/** One batch of published entries after a position, oldest first, with what the export shows of each. Never an account. */
function entryBatch(db: Executor, campaignId: string, after: { position: string; id: string } | null) {
  return db.execute<EntryRow>(sql`
    SELECT s.id, s.phrase, s.explanation, s.language, s.district_code, d.name_zh AS district_name_zh, d.name_en AS district_name_en,
      s.status, ${isoUtc('s.created_at')} AS created_at, ${isoUtc('s.updated_at')} AS updated_at, s.created_at::text AS position,
      s.vote_count, s.comment_count, coalesce(cs.support, 0) AS support, coalesce(cs.oppose, 0) AS oppose, coalesce(cs.neutral, 0) AS neutral,
      s.comparison_count, ${statusIn('s.status', 'draftSources')} AS shortlisted, se.rationale, s.merged_into_id,
      coalesce(h.actions, '{}') AS history_actions, coalesce(h.times, '{}') AS history_times
    FROM (
      SELECT id, phrase, explanation, language, district_code, status, created_at, updated_at, vote_count, comment_count, comparison_count, merged_into_id
      FROM submissions
      WHERE campaign_id = ${campaignId} AND ${statusIn('status', 'public')}
        ${after ? sql`AND (created_at, id) > (${after.position}::timestamptz, ${after.id}::uuid)` : sql``}
      ORDER BY created_at, id LIMIT ${EXPORT_BATCH_SIZE}
    ) s
    LEFT JOIN districts d ON d.code = s.district_code
    -- Lateral, so each batch looks its entries up by key instead of hashing every entry's row.
    LEFT JOIN LATERAL (SELECT support, oppose, neutral FROM comment_stances WHERE target_type = 'submission' AND target_id = s.id) cs ON true
    LEFT JOIN shortlist_entries se ON se.submission_id = s.id AND ${statusIn('s.status', 'draftSources')}
    LEFT JOIN LATERAL (
      SELECT array_agg(m.action ORDER BY m.created_at, m.id) AS actions,
        array_agg(${isoUtc('m.created_at')} ORDER BY m.created_at, m.id) AS times
      FROM moderation_actions m WHERE m.target_type = 'submission' AND m.target_id = s.id
    ) h ON true
    ORDER BY s.created_at, s.id`);
}

function toOpenDataRow(row: EntryRow, campaign: ExportedCampaign, standings: ReadonlyMap<string, Standing>): OpenDataRow {
  const standing = standings.get(row.id);
  return {
    id: row.id,
    phrase: row.phrase,
    explanation: row.explanation,
    language: row.language,
    districtCode: row.district_code,
    districtNameZh: row.district_name_zh,
    districtNameEn: row.district_name_en,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    voteCount: campaign.countsHidden ? null : Number(row.vote_count),
    commentCount: Number(row.comment_count),
    supportComments: Number(row.support),
    opposeComments: Number(row.oppose),
    neutralComments: Number(row.neutral),
    pairwiseScore: standing?.score ?? null,
    pairwiseScoreLow: standing?.low ?? null,
    pairwiseScoreHigh: standing?.high ?? null,
    pairwiseComparisons: Number(row.comparison_count),
    shortlisted: row.shortlisted,
    shortlistRationale: row.rationale,
    mergedIntoId: row.merged_into_id,
    statusHistory: row.history_actions.map((action, index) => ({ action, at: row.history_times[index]! })),
  };
}

/**
 * The campaign's published entries, a batch at a time (keyset pagination on created_at and id):
 * each query holds a connection only while it runs, so a slow or vanished reader holds none.
 */
export async function* openDataBatches(db: Executor, campaign: ExportedCampaign, standings: ReadonlyMap<string, Standing>): AsyncGenerator<OpenDataRow[]> {
  let after: { position: string; id: string } | null = null;
  for (;;) {
    const { rows } = await entryBatch(db, campaign.id, after);
    if (rows.length === 0) return;
    yield rows.map((row) => toOpenDataRow(row, campaign, standings));
    if (rows.length < EXPORT_BATCH_SIZE) return;
    const last = rows.at(-1)!;
    after = { position: last.position, id: last.id };
  }
}
