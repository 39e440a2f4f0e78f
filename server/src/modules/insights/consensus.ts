import { sql } from 'drizzle-orm';
import type { CampaignConsensus, ConsensusItem, Role } from '@city-spirit/shared';
import type { Executor } from '../../db/client.ts';
import { statusIn } from '../../db/status-sql.ts';
import { campaignRules } from '../campaigns/service.ts';
import { voteCountsHiddenFor } from '../votes/service.ts';

type Viewer = { id: string; role: Role } | null;
type EntryRow = { id: string; phrase: string; district_code: string | null; vote_count: number; supporters: Record<string, number> };
type DistrictRow = { district_code: string; participants: number };

/**
 * Pol.is' group-informed consensus with Chongqing's districts as the groups: the product over the
 * districts counted of (supporters + 1) / (participants + 2). One district that does not support the
 * entry pulls it down however many others do, so only phrases that every district supports rank high.
 */
export function consensusScore(districts: readonly { supporters: number; participants: number }[]): number {
  return districts.reduce((product, { supporters, participants }) => product * ((supporters + 1) / (participants + 2)), 1);
}

function entryRows(db: Executor, campaignId: string) {
  return db.execute<EntryRow>(sql`
    SELECT s.id, s.phrase, s.district_code, s.vote_count,
      (SELECT coalesce(json_object_agg(ds.district_code, ds.supporters), '{}') FROM submission_district_support ds
        WHERE ds.submission_id = s.id AND ds.supporters > 0) AS supporters
    FROM submissions s WHERE s.campaign_id = ${campaignId} AND ${statusIn('s.status', 'draftSources')}`);
}

/** The participants of each district ('' for those without one), kept by migration 0019's triggers. */
function districtRows(db: Executor, campaignId: string) {
  return db.execute<DistrictRow>(sql`SELECT district_code, participants FROM campaign_district_activity WHERE campaign_id = ${campaignId} ORDER BY district_code`);
}

function toItem(row: EntryRow, counted: readonly DistrictRow[], participants: number): ConsensusItem {
  const districts = counted.map(({ district_code: code, participants: inDistrict }) => {
    const supporters = Math.min(row.supporters[code] ?? 0, inDistrict);
    return { code, supporters, participants: inDistrict, share: supporters / inDistrict };
  });
  return {
    submission: { id: row.id, phrase: row.phrase, districtCode: row.district_code },
    supportShare: participants > 0 ? Math.min(1, Number(row.vote_count) / participants) : 0,
    consensus: consensusScore(districts),
    districts,
  };
}

const byConsensus = (a: ConsensusItem, b: ConsensusItem) =>
  b.consensus - a.consensus || b.supportShare - a.supportShare || (a.submission.id < b.submission.id ? -1 : 1);

export async function campaignConsensus(db: Executor, viewer: Viewer, slug: string): Promise<CampaignConsensus> {
  const campaign = await campaignRules(db, { slug });
  const minParticipants = campaign.settings.consensusMinParticipants;
  const countsHidden = voteCountsHiddenFor(campaign, viewer);
  const [{ rows: entries }, { rows: districts }] = await Promise.all([
    countsHidden ? Promise.resolve({ rows: [] as EntryRow[] }) : entryRows(db, campaign.id),
    districtRows(db, campaign.id),
  ]);
  const participants = districts.reduce((sum, district) => sum + district.participants, 0);
  const counted = districts.filter((district) => district.district_code !== '' && district.participants >= minParticipants);
  return {
    items: entries.map((row) => toItem(row, counted, participants)).sort(byConsensus),
    districtsCounted: counted.map((district) => district.district_code),
    minParticipants,
    countsHidden,
    generatedAt: new Date().toISOString(),
  };
}
