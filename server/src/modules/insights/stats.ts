import { sql } from 'drizzle-orm';
import { TOP_TERMS, type CampaignStats, type Stage } from '@city-spirit/shared';
import type { Executor } from '../../db/client.ts';
import { campaignRules } from '../campaigns/service.ts';

type Day = { day: string; entries: number; votes: number; comments: number; participants: number };
type District = { code: string; participants: number; entries: number };
type Term = { term: string; entries: number; submission_ids: string[] };
type Delay = { minutes: number; reports: number };

type StatsRow = {
  per_day: Day[];
  per_district: District[];
  no_district: { participants: number } | null;
  public_entries: number;
  top_terms: Term[];
  stance: { support: number; oppose: number; neutral: number };
  registered: number;
  stages: { stage: Stage; started_at: string }[];
  moderation: { reports: number; actions: number } | null;
  delays: Delay[];
};

// Every figure comes from the tables migration 0019's triggers keep with the rows they count: a few
// index ranges per campaign (days × 8 shards, 38 districts, the top of the terms), however many entries.
const statsQuery = (campaignId: string) => sql`
  SELECT
    (SELECT coalesce(json_agg(d ORDER BY d.day), '[]') FROM (
      SELECT to_char(day, 'YYYY-MM-DD') AS day, sum(entries)::int AS entries, sum(votes)::int AS votes,
        sum(support + oppose + neutral)::int AS comments, sum(participants)::int AS participants
      FROM campaign_daily_stats WHERE campaign_id = ${campaignId} GROUP BY day HAVING sum(participants) > 0) d) AS per_day,
    (SELECT json_agg(json_build_object('code', di.code, 'participants', coalesce(a.participants, 0), 'entries', coalesce(e.entries, 0)) ORDER BY di.code)
      FROM districts di
      LEFT JOIN campaign_district_activity a ON a.campaign_id = ${campaignId} AND a.district_code = di.code
      LEFT JOIN campaign_districts e ON e.campaign_id = ${campaignId} AND e.district_code = di.code) AS per_district,
    (SELECT coalesce(json_build_object('participants', sum(participants), 'submitted', sum(submitted), 'voted', sum(voted), 'commented', sum(commented)), '{}')
      FROM campaign_district_activity WHERE campaign_id = ${campaignId}) AS funnel,
    (SELECT json_build_object('participants', participants) FROM campaign_district_activity WHERE campaign_id = ${campaignId} AND district_code = '') AS no_district,
    (SELECT submissions FROM campaign_counts WHERE campaign_id = ${campaignId}) AS public_entries,
    (SELECT coalesce(json_agg(t), '[]') FROM (
      SELECT term, entries, submission_ids FROM campaign_terms WHERE campaign_id = ${campaignId} AND entries > 0
      ORDER BY entries DESC, term LIMIT ${TOP_TERMS}) t) AS top_terms,
    (SELECT json_build_object('support', coalesce(sum(support), 0), 'oppose', coalesce(sum(oppose), 0), 'neutral', coalesce(sum(neutral), 0))
      FROM campaign_daily_stats WHERE campaign_id = ${campaignId}) AS stance,
    (SELECT registered FROM account_counts) AS registered,
    (SELECT coalesce(json_agg(json_build_object('stage', stage, 'started_at', started_at) ORDER BY started_at), '[]')
      FROM stage_transitions WHERE campaign_id = ${campaignId}) AS stages,
    (SELECT json_build_object('reports', reports, 'actions', actions) FROM campaign_moderation_stats WHERE campaign_id = ${campaignId}) AS moderation,
    (SELECT coalesce(json_agg(json_build_object('minutes', minutes, 'reports', reports) ORDER BY minutes), '[]')
      FROM campaign_report_delays WHERE campaign_id = ${campaignId} AND reports > 0) AS delays`;

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

type Funnel = { participants: number | null; submitted: number | null; voted: number | null; commented: number | null };

function present(row: StatsRow & { funnel: Funnel }): CampaignStats {
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

export async function campaignStats(db: Executor, slug: string): Promise<CampaignStats> {
  const campaign = await campaignRules(db, { slug });
  const { rows } = await db.execute<StatsRow & { funnel: Funnel }>(statsQuery(campaign.id));
  return present(rows[0]!);
}
