import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { QueueItem, QueueKind, queueQuerySchema, VoteFlag } from '@city-spirit/shared';
import type { Executor } from '../../db/client.ts';
import { cursorTime, decodeCursor, encodeCursor } from '../../pagination.ts';
import { campaignRules } from '../campaigns/service.ts';

const cursorSchema = z.object({ rank: z.number().int().min(0).max(4), weight: z.number().int().max(0), at: cursorTime, id: z.uuid() });

/**
 * What waits for a moderator, most urgent first: content hidden by reports with no human decision
 * yet (it is out of sight on the word of a few), then appeals, then reported content (most reports
 * first), then entries with suspicious voting, then entries awaiting approval; oldest first within each. Content in two of these is
 * listed once, under the most urgent.
 */
const waiting = (campaignId: string) => sql`
  SELECT DISTINCT ON (target_type, target_id) * FROM (
    SELECT 'hidden' AS kind, 0 AS rank, 0 AS weight, m.target_type, m.target_id, m.created_at AS waiting_since
    FROM moderation_actions m
    WHERE m.campaign_id = ${campaignId} AND m.actor_role IS NULL AND m.action = 'hide'
      AND NOT EXISTS (SELECT 1 FROM moderation_actions later WHERE later.target_type = m.target_type AND later.target_id = m.target_id AND later.created_at > m.created_at)
    UNION ALL
    SELECT 'appealed', 1, 0, m.target_type, m.target_id, a.created_at
    FROM appeals a JOIN moderation_actions m ON m.id = a.action_id WHERE a.answered_at IS NULL AND m.campaign_id = ${campaignId}
    UNION ALL
    SELECT 'reported', 2, -count(*)::int, r.target_type, r.target_id, min(r.created_at)
    FROM reports r WHERE r.campaign_id = ${campaignId} AND r.resolved_at IS NULL GROUP BY r.target_type, r.target_id
    UNION ALL
    SELECT 'suspicious_votes', 3, 0, 'submission', f.submission_id, f.created_at FROM vote_flags f WHERE f.campaign_id = ${campaignId} AND f.resolved_at IS NULL
    UNION ALL
    SELECT 'pending', 4, 0, 'submission', s.id, s.created_at FROM submissions s WHERE s.campaign_id = ${campaignId} AND s.status = 'pending'
  ) w ORDER BY target_type, target_id, rank`;

type WaitingRow = { kind: QueueKind; rank: number; weight: number; target_type: 'submission' | 'comment'; target_id: string; waiting_since: string; at: string };

type ContentRow = {
  id: string;
  type: 'submission' | 'comment';
  text: string;
  explanation: string | null;
  entry_id: string | null;
  draft_id: string | null;
  entry_phrase: string;
  status: string;
  pending_reason: string | null;
  author_id: string;
  author_name: string;
  author_banned: boolean;
  created_at: string;
};

const iso = (text: string) => new Date(text).toISOString();

type FlagRow = {
  submission_id: string;
  reason: VoteFlag['reason'];
  votes_last_hour: number;
  hourly_baseline: number;
  voters_last_day: number;
  new_account_share: number;
  created_at: string;
};

const toVoteFlag = (row: FlagRow): VoteFlag => ({
  reason: row.reason,
  votesLastHour: Number(row.votes_last_hour),
  hourlyBaseline: Number(row.hourly_baseline),
  votersLastDay: Number(row.voters_last_day),
  newAccountShare: Number(row.new_account_share),
  flaggedAt: iso(row.created_at),
});

/** A page of the queue: the page, then its content, reports, authors' histories and appeals, in six queries whatever its size. */
export async function moderationQueue(db: Executor, query: z.output<typeof queueQuerySchema>): Promise<{ items: QueueItem[]; nextCursor: string | null }> {
  const campaign = await campaignRules(db, { slug: query.campaign });
  const cursor = query.cursor ? decodeCursor(query.cursor, cursorSchema) : null;
  const { rows } = await db.execute<WaitingRow>(sql`
    SELECT q.*, q.waiting_since::text AS at FROM (${waiting(campaign.id)}) q
    WHERE true ${query.kind ? sql`AND q.kind = ${query.kind}` : sql``}
      ${cursor ? sql`AND (q.rank, q.weight, q.waiting_since, q.target_id) > (${cursor.rank}, ${cursor.weight}, ${cursor.at}::timestamptz, ${cursor.id}::uuid)` : sql``}
    ORDER BY q.rank, q.weight, q.waiting_since, q.target_id LIMIT ${query.limit + 1}`);
  const page = rows.slice(0, query.limit);
  if (page.length === 0) return { items: [], nextCursor: null };
  const ids = (type: string) => page.filter((row) => row.target_type === type).map((row) => row.target_id);
  const allIds = page.map((row) => row.target_id);

  const { rows: contents } = await db.execute<ContentRow>(sql`
    SELECT s.id, 'submission' AS type, s.phrase AS text, s.explanation, s.id AS entry_id, NULL::uuid AS draft_id, s.phrase AS entry_phrase, s.status::text AS status, s.pending_reason,
      u.id AS author_id, u.display_name AS author_name, (u.banned_at IS NOT NULL) AS author_banned, s.created_at
    FROM submissions s JOIN users u ON u.id = s.author_id WHERE s.id = ANY(${sql.param(ids('submission'))}::uuid[])
    UNION ALL
    SELECT k.id, 'comment', k.body, NULL, s.id, d.id, coalesce(s.phrase, v.text),
      CASE WHEN k.deleted_at IS NOT NULL THEN 'deleted' WHEN k.hidden_at IS NOT NULL THEN 'hidden' ELSE 'visible' END, NULL,
      u.id, u.display_name, (u.banned_at IS NOT NULL), k.created_at
    FROM comments k JOIN users u ON u.id = k.author_id
    LEFT JOIN submissions s ON k.target_type = 'submission' AND s.id = k.target_id
    LEFT JOIN drafts d ON k.target_type = 'draft' AND d.id = k.target_id
    LEFT JOIN draft_versions v ON v.draft_id = d.id AND v.number = d.current_version
    WHERE k.id = ANY(${sql.param(ids('comment'))}::uuid[])`);
  const authorIds = [...new Set(contents.map((content) => content.author_id))];
  const [{ rows: reports }, { rows: history }, { rows: appeals }, { rows: flags }] = await Promise.all([
    db.execute<{ target_id: string; reason: QueueItem['reports'][number]['reason']; note: string; created_at: string }>(sql`
      SELECT target_id, reason, note, created_at FROM reports WHERE target_id = ANY(${sql.param(allIds)}::uuid[]) AND resolved_at IS NULL ORDER BY created_at`),
    db.execute<{ target_author_id: string; action: string; reason: string; target_type: string; created_at: string }>(sql`
      SELECT * FROM (
        SELECT target_author_id, action, reason, target_type, created_at, row_number() OVER (PARTITION BY target_author_id ORDER BY created_at DESC) AS n
        FROM moderation_actions WHERE target_author_id = ANY(${sql.param(authorIds)}::uuid[]) AND action IN ('hide', 'reject', 'ban')
      ) h WHERE n <= 10 ORDER BY created_at DESC`),
    db.execute<{ id: string; target_id: string; note: string; created_at: string; action: string; reason: string }>(sql`
      SELECT a.id, m.target_id, a.note, a.created_at, m.action, m.reason FROM appeals a JOIN moderation_actions m ON m.id = a.action_id
      WHERE m.target_id = ANY(${sql.param(allIds)}::uuid[]) AND a.answered_at IS NULL`),
    db.execute<FlagRow>(sql`
      SELECT submission_id, reason, votes_last_hour, hourly_baseline, voters_last_day, new_account_share, created_at FROM vote_flags
      WHERE submission_id = ANY(${sql.param(ids('submission'))}::uuid[]) AND resolved_at IS NULL`),
  ]);

  const items = page.flatMap((row): QueueItem[] => {
    const content = contents.find((candidate) => candidate.id === row.target_id);
    if (!content) return [];
    const open = reports.filter((report) => report.target_id === row.target_id);
    const appeal = appeals.find((candidate) => candidate.target_id === row.target_id);
    const flag = flags.find((candidate) => candidate.submission_id === row.target_id);
    return [
      {
        kind: row.kind,
        targetType: row.target_type,
        targetId: row.target_id,
        target: {
          text: content.text,
          explanation: content.explanation,
          entryId: content.entry_id,
          draftId: content.draft_id,
          entryPhrase: content.entry_phrase,
          author: { id: content.author_id, displayName: content.author_name, banned: content.author_banned },
          createdAt: iso(content.created_at),
        },
        status: content.status,
        pendingReason: content.pending_reason,
        reportCount: open.length,
        reports: open.map((report) => ({ reason: report.reason, note: report.note, createdAt: iso(report.created_at) })),
        authorHistory: history
          .filter((entry) => entry.target_author_id === content.author_id)
          .map((entry) => ({ action: entry.action, reason: entry.reason, targetType: entry.target_type, createdAt: iso(entry.created_at) })),
        appeal: appeal ? { id: appeal.id, note: appeal.note, createdAt: iso(appeal.created_at), action: appeal.action, actionReason: appeal.reason } : null,
        voteFlag: flag ? toVoteFlag(flag) : null,
        waitingSince: iso(row.waiting_since),
      },
    ];
  });
  const last = page.at(-1)!;
  return {
    items,
    nextCursor: rows.length > query.limit ? encodeCursor({ rank: Number(last.rank), weight: Number(last.weight), at: last.at, id: last.target_id }) : null,
  };
}
