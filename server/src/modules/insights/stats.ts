import { eq, sql } from 'drizzle-orm';
import { TOP_TERMS, type CampaignStats, type Stage } from '@city-spirit/shared';
import { preparedStatement, type Database } from '../../db/client.ts';
import { campaigns } from '../../db/schema.ts';
import { notFound } from '../../errors.ts';

type Day = { day: string; entries: number; votes: number; comments: number; participants: number };
type District = { code: string; participants: number; entries: number };
type Term = { term: string; entries: number; submission_ids: string[] };
type Delay = { minutes: number; reports: number };

type Funnel = { participants: number | null; submitted: number | null; voted: number | null; commented: number | null };

// Every figure comes from the tables migration 0019's triggers keep with the rows they count: a few
// index ranges per campaign (days × 8 shards, 38 districts, the top of the terms), however many
// entries. One statement, prepared once per connection: its planning cost more than its execution.
// Named in full: drizzle writes a column of the query's only table as a bare "id", which a
// subquery would read as the id of its own table.
export const campaignIdColumn = sql.raw('"campaigns"."id"');
const campaignId = campaignIdColumn;
const statsStatement = preparedStatement((db) =>
  db
    .select({
      per_day: sql<Day[]>`(SELECT coalesce(json_agg(d ORDER BY d.day), '[]') FROM (
        SELECT to_char(day, 'YYYY-MM-DD') AS day, sum(entries)::int AS entries, sum(votes)::int AS votes,
          sum(support + oppose + neutral)::int AS comments, sum(participants)::int AS participants
        FROM campaign_daily_stats WHERE campaign_id = ${campaignId} GROUP BY day HAVING sum(participants) > 0) d)`,
      per_district: sql<District[]>`(SELECT json_agg(json_build_object('code', di.code, 'participants', coalesce(a.participants, 0), 'entries', coalesce(e.entries, 0)) ORDER BY di.code)
        FROM districts di
        LEFT JOIN campaign_district_activity a ON a.campaign_id = ${campaignId} AND a.district_code = di.code
        LEFT JOIN campaign_districts e ON e.campaign_id = ${campaignId} AND e.district_code = di.code)`,
      funnel: sql<Funnel>`(SELECT json_build_object('participants', sum(participants), 'submitted', sum(submitted), 'voted', sum(voted), 'commented', sum(commented))
        FROM campaign_district_activity WHERE campaign_id = ${campaignId})`,
      no_district: sql<{ participants: number } | null>`(SELECT json_build_object('participants', participants) FROM campaign_district_activity
        WHERE campaign_id = ${campaignId} AND district_code = '')`,
      public_entries: sql<number | null>`(SELECT submissions FROM campaign_counts WHERE campaign_id = ${campaignId})`,
      top_terms: sql<Term[]>`(SELECT coalesce(json_agg(t), '[]') FROM (
        SELECT term, entries, submission_ids FROM campaign_terms WHERE campaign_id = ${campaignId} AND entries > 0
        ORDER BY entries DESC, term LIMIT ${sql.raw(String(TOP_TERMS))}) t)`,
      stance: sql<{ support: number; oppose: number; neutral: number }>`(SELECT json_build_object('support', coalesce(sum(support), 0), 'oppose', coalesce(sum(oppose), 0), 'neutral', coalesce(sum(neutral), 0))
        FROM campaign_daily_stats WHERE campaign_id = ${campaignId})`,
      registered: sql<number | null>`(SELECT registered FROM account_counts)`,
      stages: sql<{ stage: Stage; started_at: string }[]>`(SELECT coalesce(json_agg(json_build_object('stage', stage, 'started_at', started_at) ORDER BY started_at), '[]')
        FROM stage_transitions WHERE campaign_id = ${campaignId})`,
      moderation: sql<{ reports: number; actions: number } | null>`(SELECT json_build_object('reports', reports, 'actions', actions)
        FROM campaign_moderation_stats WHERE campaign_id = ${campaignId})`,
      delays: sql<Delay[]>`(SELECT coalesce(json_agg(json_build_object('minutes', minutes, 'reports', reports) ORDER BY minutes), '[]')
        FROM campaign_report_delays WHERE campaign_id = ${campaignId} AND reports > 0)`,
    })
    .from(campaigns)
    .where(eq(campaigns.slug, sql.placeholder('slug')))
    .prepare('campaign_stats'),
);

/** The median of whole minutes, read from the count of reports at each minute. */
export function medianOfCounts(delays: readonly Delay[]): number | null {
  const total = delays.reduce((sum, delay) => sum + delay.reports, 0);
  if (total === 0) return null;
  const valueAt = (rank: number) => {
    let seen = 0;
    for (const delay of delays) {
      seen += delay.reports;
      if (seen > rank) return delay.minutes;
    }
    return delays.at(-1)!.minutes;
  };
  return (valueAt(Math.floor((total - 1) / 2)) + valueAt(Math.floor(total / 2))) / 2;
}

const shareOf = (part: number, whole: number) => (whole > 0 ? part / whole : 0);

type StatsRow = Awaited<ReturnType<ReturnType<typeof statsStatement>['execute']>>[number];

function present(row: StatsRow): CampaignStats {
  const participants = Number(row.funnel.participants ?? 0);
  const districts = row.per_district.map((district) => ({
    code: district.code,
    participants: district.participants,
    entries: district.entries,
    share: shareOf(district.participants, participants),
  }));
  const entriesInDistricts = districts.reduce((sum, district) => sum + district.entries, 0);
  const outsideParticipants = Number(row.no_district?.participants ?? 0);
  return {
    perDay: row.per_day.map(({ day, ...figures }) => ({ date: day, ...figures })),
    perDistrict: districts,
    outside: {
      participants: outsideParticipants,
      entries: Number(row.public_entries ?? 0) - entriesInDistricts,
      share: shareOf(outsideParticipants, participants),
    },
    topTerms: row.top_terms.map((term) => ({ term: term.term, count: term.entries, submissionIds: term.submission_ids })),
    stance: { support: Number(row.stance.support), oppose: Number(row.stance.oppose), neutral: Number(row.stance.neutral) },
    funnel: {
      registered: Number(row.registered ?? 0),
      submitted: Number(row.funnel.submitted ?? 0),
      voted: Number(row.funnel.voted ?? 0),
      commented: Number(row.funnel.commented ?? 0),
    },
    stages: row.stages.map((stage) => ({ stage: stage.stage, startedAt: new Date(stage.started_at).toISOString() })),
    moderation: {
      reports: row.moderation?.reports ?? 0,
      actions: row.moderation?.actions ?? 0,
      medianMinutesToAction: medianOfCounts(row.delays),
    },
    generatedAt: new Date().toISOString(),
  };
}

export async function campaignStats(db: Database, slug: string): Promise<CampaignStats> {
  const [row] = await statsStatement(db).execute({ slug });
  if (!row) throw notFound(`There is no campaign "${slug}".`);
  return present(row);
}
