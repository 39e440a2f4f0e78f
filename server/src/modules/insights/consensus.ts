import { eq, sql } from 'drizzle-orm';
import type { CampaignConsensus, ConsensusItem, Role } from '@city-spirit/shared';
import { preparedStatement, type Database } from '../../db/client.ts';
import { campaigns } from '../../db/schema.ts';
import { statusIn } from '../../db/status-sql.ts';
import { notFound } from '../../errors.ts';
import { toCampaignRules } from '../campaigns/service.ts';
import { campaignIdColumn } from './stats.ts';
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

// The campaign, its districts' participants and its shortlisted entries with their supporters per
// district, in one statement prepared once per connection.
const consensusStatement = preparedStatement((db) =>
  db
    .select({
      campaign: { id: campaigns.id, slug: campaigns.slug, stage: campaigns.stage, settings: campaigns.settings },
      districts: sql<DistrictRow[]>`(SELECT coalesce(json_agg(json_build_object('district_code', district_code, 'participants', participants) ORDER BY district_code), '[]')
        FROM campaign_district_activity WHERE campaign_id = ${campaignIdColumn})`,
      entries: sql<EntryRow[]>`(SELECT coalesce(json_agg(json_build_object('id', s.id, 'phrase', s.phrase, 'district_code', s.district_code, 'vote_count', s.vote_count,
          'supporters', (SELECT coalesce(json_object_agg(ds.district_code, ds.supporters), '{}') FROM submission_district_support ds
            WHERE ds.submission_id = s.id AND ds.supporters > 0))), '[]')
        FROM submissions s WHERE s.campaign_id = ${campaignIdColumn} AND ${statusIn('s.status', 'draftSources')})`,
    })
    .from(campaigns)
    .where(eq(campaigns.slug, sql.placeholder('slug')))
    .prepare('campaign_consensus'),
);

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

export async function campaignConsensus(db: Database, viewer: Viewer, slug: string): Promise<CampaignConsensus> {
  const [row] = await consensusStatement(db).execute({ slug });
  if (!row) throw notFound(`There is no campaign "${slug}".`);
  const campaign = toCampaignRules(row.campaign);
  const minParticipants = campaign.settings.consensusMinParticipants;
  const countsHidden = voteCountsHiddenFor(campaign, viewer);
  const participants = row.districts.reduce((sum, district) => sum + district.participants, 0);
  const counted = row.districts.filter((district) => district.district_code !== '' && district.participants >= minParticipants);
  return {
    items: countsHidden ? [] : row.entries.map((entry) => toItem(entry, counted, participants)).sort(byConsensus),
    districtsCounted: counted.map((district) => district.district_code),
    minParticipants,
    countsHidden,
    generatedAt: new Date().toISOString(),
  };
}
