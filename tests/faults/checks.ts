// After a fault: what the server acknowledged is in the database, once, and every counter equals
// the rows it counts.
import { sql } from 'drizzle-orm';
import type { Database } from '../../server/src/db/client.ts';
import type { Answer, Operation } from './load.ts';

export type Found = Record<Operation, { acknowledged: number; found: number }>;

const acknowledged = (answers: Answer[], operation: Operation) =>
  answers.filter((answer) => answer.operation === operation && answer.status >= 200 && answer.status < 300).map((answer) => answer.key);

/** How many of the acknowledged votes, phrases and comments the database holds. */
export async function findAcknowledged(db: Database, answers: Answer[]): Promise<Found> {
  const votes = acknowledged(answers, 'vote').map((key) => key.split('|') as [string, string]);
  const entries = acknowledged(answers, 'submit');
  const comments = acknowledged(answers, 'comment');
  const [voteRows, entryRows, commentRows] = await Promise.all([
    db.execute<{ found: number }>(sql`
      SELECT count(*)::integer AS found FROM votes v
      JOIN unnest(${sql.param(votes.map(([user]) => user))}::uuid[], ${sql.param(votes.map(([, entry]) => entry))}::uuid[]) AS a(user_id, submission_id)
        ON v.user_id = a.user_id AND v.submission_id = a.submission_id`),
    db.execute<{ found: number }>(sql`SELECT count(*)::integer AS found FROM submissions WHERE id = ANY(${sql.param(entries)}::uuid[])`),
    db.execute<{ found: number }>(sql`SELECT count(*)::integer AS found FROM comments WHERE id = ANY(${sql.param(comments)}::uuid[])`),
  ]);
  return {
    // A resident's vote for an entry is one row, however often it was acknowledged.
    vote: { acknowledged: new Set(votes.map((pair) => pair.join('|'))).size, found: voteRows.rows[0]!.found },
    submit: { acknowledged: entries.length, found: entryRows.rows[0]!.found },
    comment: { acknowledged: comments.length, found: commentRows.rows[0]!.found },
  };
}

/** Each kept count that differs from the rows behind it, as "what: kept ≠ counted" lines; none when all agree. */
export async function countersAgainstRows(db: Database, baseUrl: string, slug: string): Promise<string[]> {
  const differences: string[] = [];
  const { rows: entries } = await db.execute<{ id: string; kept_votes: number; votes: number; kept_comments: number; comments: number }>(sql`
    SELECT s.id, s.vote_count AS kept_votes, (SELECT count(*)::integer FROM votes v WHERE v.submission_id = s.id) AS votes,
      s.comment_count AS kept_comments,
      (SELECT count(*)::integer FROM comments c WHERE c.target_type = 'submission' AND c.target_id = s.id AND c.deleted_at IS NULL) AS comments
    FROM submissions s JOIN campaigns k ON k.id = s.campaign_id WHERE k.slug = ${slug}`);
  for (const entry of entries) {
    if (entry.kept_votes !== entry.votes) differences.push(`votes of ${entry.id}: ${entry.kept_votes} ≠ ${entry.votes}`);
    if (entry.kept_comments !== entry.comments) differences.push(`comments of ${entry.id}: ${entry.kept_comments} ≠ ${entry.comments}`);
  }
  const { rows: campaign } = await db.execute<{ submissions: number; participants: number; districts: number; votes: number; comments: number }>(sql`
    SELECT count(*)::integer AS submissions, count(DISTINCT s.author_id)::integer AS participants, count(DISTINCT s.district_code)::integer AS districts,
      (SELECT count(*)::integer FROM votes v WHERE v.campaign_id = k.id) AS votes,
      (SELECT count(*)::integer FROM comments c WHERE c.campaign_id = k.id AND c.deleted_at IS NULL) AS comments
    FROM campaigns k LEFT JOIN submissions s ON s.campaign_id = k.id AND s.status IN ('published', 'shortlisted', 'merged')
    WHERE k.slug = ${slug} GROUP BY k.id`);
  const counted = campaign[0]!;
  const { counts } = (await (await fetch(`${baseUrl}/api/campaigns/${slug}`)).json()) as { counts: Record<string, number> };
  for (const name of ['submissions', 'participants', 'districts'] as const) {
    if (counts[name] !== counted[name]) differences.push(`campaign ${name}: ${counts[name]} ≠ ${counted[name]}`);
  }
  const stats = (await (await fetch(`${baseUrl}/api/campaigns/${slug}/stats`)).json()) as { perDay: { entries: number; votes: number; comments: number }[] };
  const total = (name: 'entries' | 'votes' | 'comments') => stats.perDay.reduce((sum, day) => sum + day[name], 0);
  if (total('entries') !== counted.submissions) differences.push(`stats entries: ${total('entries')} ≠ ${counted.submissions}`);
  if (total('votes') !== counted.votes) differences.push(`stats votes: ${total('votes')} ≠ ${counted.votes}`);
  if (total('comments') !== counted.comments) differences.push(`stats comments: ${total('comments')} ≠ ${counted.comments}`);
  return differences;
}

/** Phrases and comments the load wrote more than once (each it sent was unique). */
export async function duplicates(db: Database, slug: string): Promise<string[]> {
  const { rows } = await db.execute<{ text: string; copies: number }>(sql`
    SELECT s.phrase AS text, count(*)::integer AS copies FROM submissions s JOIN campaigns k ON k.id = s.campaign_id
    WHERE k.slug = ${slug} GROUP BY s.phrase HAVING count(*) > 1
    UNION ALL
    SELECT c.body, count(*)::integer FROM comments c JOIN campaigns k ON k.id = c.campaign_id
    WHERE k.slug = ${slug} GROUP BY c.body HAVING count(*) > 1`);
  return rows.map((row) => `${row.text} ×${row.copies}`);
}
