import { sql, type SQL } from 'drizzle-orm';
import { statusIn } from '../../db/status-sql.ts';
import { canPublishDraft, type Draft, type DraftStatus, type DraftVersion, type Endorsement, type EndorsementStance } from '@city-spirit/shared';

const iso = (value: string | Date) => new Date(value).toISOString();
const isoOrNull = (value: string | Date | null) => (value === null ? null : iso(value));

export type DraftRow = {
  id: string;
  campaign_id: string;
  status: DraftStatus;
  current_version: number;
  endorsements: number;
  objections: number;
  vote_count: number;
  comment_count: number;
  text: string;
  rationale: string;
  source_ids: string[];
  sources: { id: string; phrase: string }[];
  author_name: string;
  viewer_voted: boolean;
  viewer_stance: EndorsementStance | null;
  created_at: string;
  updated_at: string;
  published_at: string | null;
  adopted_at: string | null;
};

/**
 * Drafts with their current version, author, source phrases (of the sources still public: an entry
 * hidden since keeps its id there, not its phrase) and the viewer's vote and stance, in one
 * statement whatever their number; `where` narrows it (over `d`, the drafts table).
 */
export function draftRowsQuery(viewerId: string | null, where: SQL, orderBy: SQL = sql`d.id`): SQL {
  return sql`
    SELECT d.id, d.campaign_id, d.status, d.current_version, d.endorsements, d.objections, d.vote_count, d.comment_count,
      v.text, v.rationale, v.source_submission_ids::text[] AS source_ids, u.display_name AS author_name,
      coalesce((SELECT json_agg(json_build_object('id', s.id, 'phrase', s.phrase) ORDER BY k.ord)
        FROM unnest(v.source_submission_ids) WITH ORDINALITY AS k(id, ord) JOIN submissions s ON s.id = k.id AND ${statusIn('s.status', 'public')}), '[]'::json) AS sources,
      EXISTS (SELECT 1 FROM draft_votes dv WHERE dv.campaign_id = d.campaign_id AND dv.user_id = ${viewerId}::uuid AND dv.draft_id = d.id) AS viewer_voted,
      (SELECT e.stance FROM draft_endorsements e WHERE e.draft_id = d.id AND e.version = d.current_version AND e.expert_id = ${viewerId}::uuid) AS viewer_stance,
      d.created_at, d.updated_at, d.published_at, d.adopted_at
    FROM drafts d
    JOIN draft_versions v ON v.draft_id = d.id AND v.number = d.current_version
    JOIN users u ON u.id = d.author_id
    WHERE ${where}
    ORDER BY ${orderBy}`;
}

export function toDraft(row: DraftRow, panelQuorum: number): Draft {
  const counts = { status: row.status, endorsements: Number(row.endorsements), objections: Number(row.objections) };
  return {
    id: row.id,
    text: row.text,
    rationale: row.rationale,
    status: row.status,
    version: Number(row.current_version),
    sourceSubmissionIds: row.source_ids,
    sources: row.sources,
    author: { displayName: row.author_name },
    endorsements: counts.endorsements,
    objections: counts.objections,
    publishable: canPublishDraft(counts, panelQuorum),
    voteCount: Number(row.vote_count),
    commentCount: Number(row.comment_count),
    viewerVoted: row.viewer_voted,
    viewerStance: row.viewer_stance,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    publishedAt: isoOrNull(row.published_at),
    adoptedAt: isoOrNull(row.adopted_at),
  };
}

export type VersionRow = { number: number; text: string; rationale: string; source_ids: string[]; author_name: string; created_at: string };

export const versionColumns = sql`v.number, v.text, v.rationale, v.source_submission_ids::text[] AS source_ids, u.display_name AS author_name, v.created_at`;

export function toDraftVersion(row: VersionRow): DraftVersion {
  return {
    number: Number(row.number),
    text: row.text,
    rationale: row.rationale,
    sourceSubmissionIds: row.source_ids,
    author: { displayName: row.author_name },
    createdAt: iso(row.created_at),
  };
}

export type EndorsementRow = { version: number; stance: EndorsementStance; note: string | null; updated_at: string; expert_name: string };

export const endorsementColumns = sql`e.version, e.stance, e.note, e.updated_at, u.display_name AS expert_name`;

export function toEndorsement(row: EndorsementRow): Endorsement {
  return { expert: { displayName: row.expert_name }, version: Number(row.version), stance: row.stance, note: row.note, updatedAt: iso(row.updated_at) };
}
