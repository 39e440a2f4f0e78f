import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { COMMENT_STANCES, ENDORSEMENT_STANCES, type Stage } from '@city-spirit/shared';
import { repoRoot } from '../config.ts';
import type { Executor } from './client.ts';
import { statusIn } from './status-sql.ts';
import { moveToStage } from '../modules/campaigns/service.ts';
import { notifyParticipants } from '../modules/notifications/service.ts';

/**
 * What the later stages leave behind in the demo campaign (seeds/panel.json): the panel's
 * assessments, notes and comparisons from discuss; drafts with versions, stances, residents'
 * comments and draft votes from refine; the adoption. Every count is set from its rows.
 */

type DemoNote = { phrase?: string; author: number; body: string; replies?: DemoNote[] };
const demoNoteSchema: z.ZodType<DemoNote> = z.lazy(() =>
  z.object({ phrase: z.string().optional(), author: z.number().int().min(0).max(2), body: z.string(), replies: z.array(demoNoteSchema).optional() }),
);

const panelFileSchema = z.object({
  assessments: z.array(z.object({ phrase: z.string(), scores: z.array(z.record(z.string(), z.number().int().min(1).max(5))).length(3), notes: z.array(z.string()).length(3) })),
  notes: z.array(demoNoteSchema),
  drafts: z.array(
    z.object({
      key: z.string(),
      versions: z.array(z.object({ author: z.number().int().min(0).max(2), text: z.string(), rationale: z.string(), sources: z.array(z.string()).min(1) })).min(1),
      stances: z.array(z.object({ expert: z.number().int().min(0).max(2), stance: z.enum(ENDORSEMENT_STANCES), note: z.string() })),
      published: z.boolean(),
    }),
  ),
  draftComments: z.array(z.object({ draft: z.string(), author: z.number().int().min(0), stance: z.enum(COMMENT_STANCES), body: z.string() })),
  draftVoteShares: z.record(z.string(), z.number().min(0).max(1)),
  adopt: z.string(),
});
type PanelFile = z.infer<typeof panelFileSchema>;

export type DemoCampaign = { id: string; title: string };
type Person = { id: string };
type Entry = { id: string; phrase: string };
export type DemoCast = { panel: [Person, Person, Person]; residents: Person[]; entries: Entry[] };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const panelist = (cast: DemoCast, index: number): string => cast.panel[index as 0 | 1 | 2].id;

const readPanelFile = async (): Promise<PanelFile> => panelFileSchema.parse(JSON.parse(await readFile(path.join(repoRoot, 'seeds', 'panel.json'), 'utf8')));

function entryId(entries: Entry[], phrase: string): string {
  const entry = entries.find((candidate) => candidate.phrase === phrase);
  if (!entry) throw new Error(`seeds/panel.json: no demo entry "${phrase}"`);
  return entry.id;
}

/** A repeatable stream of numbers in [0, 1), so the demo is the same on every machine. */
function demoRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state / 4_294_967_296;
  };
}

/** Discuss: residents' pairwise comparisons of the listed entries, and the panel's assessments and notes on the shortlist. */
export async function seedDiscussWork(tx: Executor, campaign: DemoCampaign, cast: DemoCast, now: number): Promise<void> {
  const file = await readPanelFile();
  await seedComparisons(tx, campaign, cast, now);
  for (const { phrase, scores, notes } of file.assessments) {
    const submissionId = entryId(cast.entries, phrase);
    for (const [index, expert] of cast.panel.entries()) {
      await tx.execute(sql`
        INSERT INTO assessments (submission_id, expert_id, campaign_id, scores, note, created_at, updated_at)
        VALUES (${submissionId}, ${expert.id}, ${campaign.id}, ${JSON.stringify(scores[index])}::jsonb, ${notes[index] || null}, ${new Date(now - (2 + index) * HOUR).toISOString()}, ${new Date(now - (2 + index) * HOUR).toISOString()})`);
    }
  }
  const insertNote = async (note: DemoNote, targetId: string, parent: { id: string; depth: number } | null, minutesAgo: number): Promise<void> => {
    const { rows } = await tx.execute<{ id: string }>(sql`
      INSERT INTO panel_notes (campaign_id, target_type, target_id, parent_id, depth, author_id, body, created_at)
      VALUES (${campaign.id}, 'submission', ${targetId}, ${parent?.id ?? null}, ${parent ? Math.min(parent.depth + 1, 3) : 1}, ${panelist(cast, note.author)}, ${note.body}, ${new Date(now - minutesAgo * 60_000).toISOString()})
      RETURNING id`);
    for (const reply of note.replies ?? []) await insertNote(reply, targetId, { id: rows[0]!.id, depth: parent ? Math.min(parent.depth + 1, 3) : 1 }, minutesAgo - 20);
  };
  for (const note of file.notes) await insertNote(note, entryId(cast.entries, note.phrase!), null, 180);
}

/** About ten answers per resident among the shortlist and its neighbours, the better-supported entry winning more often. */
async function seedComparisons(tx: Executor, campaign: DemoCampaign, cast: DemoCast, now: number): Promise<void> {
  const { rows: listed } = await tx.execute<{ id: string; vote_count: number; author_id: string }>(sql`
    SELECT id, vote_count, author_id FROM submissions WHERE campaign_id = ${campaign.id} AND ${statusIn('status', 'listed')} ORDER BY vote_count DESC, id LIMIT 24`);
  const random = demoRandom(20_261_201);
  const values: ReturnType<typeof sql>[] = [];
  for (const [index, resident] of cast.residents.entries()) {
    for (let answer = 0; answer < 10; answer++) {
      const left = listed[Math.floor(random() * listed.length)]!;
      const right = listed[Math.floor(random() * listed.length)]!;
      if (left.id === right.id || left.author_id === resident.id || right.author_id === resident.id) continue;
      const leftWins = random() < (left.vote_count + 1) / (left.vote_count + right.vote_count + 2);
      const choice = random() < 0.05 ? 'skip' : leftWins ? 'left' : 'right';
      const at = new Date(now - 3 * DAY + (index * 10 + answer) * 60_000).toISOString();
      values.push(sql`(${campaign.id}, ${resident.id}, ${`demo-${index}-${answer}`}, ${left.id}, ${right.id}, ${choice}, true, ${at})`);
    }
  }
  if (values.length) await tx.execute(sql`INSERT INTO comparisons (campaign_id, user_id, token, left_id, right_id, choice, valid, created_at) VALUES ${sql.join(values, sql`, `)}`);
}

/** Refine: the panel's drafts with their versions and stances, the published ones with residents' comments and votes. */
export async function seedRefineWork(tx: Executor, campaign: DemoCampaign, cast: DemoCast, now: number): Promise<Map<string, string>> {
  const file = await readPanelFile();
  const draftIds = new Map<string, string>();
  for (const [index, draft] of file.drafts.entries()) {
    const createdAt = now - (30 - index * 4) * HOUR;
    const { rows } = await tx.execute<{ id: string }>(sql`
      INSERT INTO drafts (campaign_id, author_id, status, current_version, published_at, created_at, updated_at)
      VALUES (${campaign.id}, ${panelist(cast, draft.versions[0]!.author)}, ${draft.published ? 'published' : 'draft'}, ${draft.versions.length},
        ${draft.published ? new Date(createdAt + 20 * HOUR).toISOString() : null}, ${new Date(createdAt).toISOString()}, ${new Date(createdAt + draft.versions.length * 3 * HOUR).toISOString()})
      RETURNING id`);
    const draftId = rows[0]!.id;
    draftIds.set(draft.key, draftId);
    for (const [number, version] of draft.versions.entries()) {
      const sources = version.sources.map((phrase) => entryId(cast.entries, phrase));
      await tx.execute(sql`
        INSERT INTO draft_versions (draft_id, number, text, rationale, source_submission_ids, author_id, created_at)
        VALUES (${draftId}, ${number + 1}, ${version.text}, ${version.rationale}, ${`{${sources.join(',')}}`}::uuid[], ${panelist(cast, version.author)}, ${new Date(createdAt + number * 3 * HOUR).toISOString()})`);
    }
    for (const stance of draft.stances) {
      await tx.execute(sql`
        INSERT INTO draft_endorsements (draft_id, expert_id, version, stance, note)
        VALUES (${draftId}, ${panelist(cast, stance.expert)}, ${draft.versions.length}, ${stance.stance}, ${stance.note || null})`);
    }
  }
  for (const comment of file.draftComments) {
    const author = cast.residents[comment.author % cast.residents.length]!;
    await tx.execute(sql`
      INSERT INTO comments (campaign_id, target_type, target_id, depth, author_id, stance, body, created_at)
      VALUES (${campaign.id}, 'draft', ${draftIds.get(comment.draft)!}, 1, ${author.id}, ${comment.stance}, ${comment.body}, ${new Date(now - 6 * HOUR).toISOString()})`);
  }
  const random = demoRandom(20_270_201);
  const shares = Object.entries(file.draftVoteShares);
  for (const resident of cast.residents) {
    let pick = random();
    const chosen = shares.find(([, share]) => (pick -= share) < 0);
    if (chosen) await tx.execute(sql`INSERT INTO draft_votes (campaign_id, user_id, draft_id, created_at) VALUES (${campaign.id}, ${resident.id}, ${draftIds.get(chosen[0])!}, ${new Date(now - random() * DAY).toISOString()})`);
  }
  await tx.execute(sql`
    UPDATE drafts d SET
      endorsements = (SELECT count(*) FROM draft_endorsements e WHERE e.draft_id = d.id AND e.version = d.current_version AND e.stance = 'endorse'),
      objections = (SELECT count(*) FROM draft_endorsements e WHERE e.draft_id = d.id AND e.version = d.current_version AND e.stance = 'object'),
      vote_count = (SELECT count(*) FROM draft_votes v WHERE v.draft_id = d.id),
      comment_count = (SELECT count(*) FROM comments c WHERE c.target_type = 'draft' AND c.target_id = d.id AND c.deleted_at IS NULL)
    WHERE d.campaign_id = ${campaign.id}`);
  await tx.execute(sql`
    INSERT INTO comment_stances (target_type, target_id, support, oppose, neutral)
    SELECT target_type, target_id, count(*) FILTER (WHERE stance = 'support'), count(*) FILTER (WHERE stance = 'oppose'), count(*) FILTER (WHERE stance = 'neutral')
    FROM comments WHERE campaign_id = ${campaign.id} AND target_type = 'draft' AND deleted_at IS NULL GROUP BY target_type, target_id`);
  return draftIds;
}

/** Announced: the adopted draft, as an admin's adoption leaves it. */
export async function seedAdoption(tx: Executor, campaign: DemoCampaign, draftIds: Map<string, string>, now: number): Promise<void> {
  const file = await readPanelFile();
  const draftId = draftIds.get(file.adopt);
  if (!draftId) throw new Error(`seeds/panel.json: no draft "${file.adopt}" to adopt`);
  await tx.execute(sql`UPDATE drafts SET status = 'adopted', adopted_at = ${new Date(now - HOUR).toISOString()} WHERE id = ${draftId}`);
}

/** Moves the demo campaign on, telling its participants, and dates each stage as a real campaign would have run. */
export async function moveDemoTo(tx: Executor, campaign: DemoCampaign, from: Stage, stage: Stage): Promise<void> {
  await moveToStage(tx, campaign.id, stage);
  await notifyParticipants(tx, campaign, { from, stage });
}

/**
 * Collect ran about eleven days, discuss four, refine two; announced an hour ago. Past collect, the
 * entries move back six days, so that all of them were written while collect was open.
 */
export async function dateDemoStages(tx: Executor, campaign: DemoCampaign, stage: Stage, now: number): Promise<void> {
  const began: Record<Stage, number> = { collect: now - 17 * DAY, discuss: now - 6 * DAY, refine: now - 2 * DAY, announced: now - HOUR };
  if (stage !== 'collect') {
    await tx.execute(sql`UPDATE submissions SET created_at = created_at - interval '6 days', updated_at = updated_at - interval '6 days' WHERE campaign_id = ${campaign.id}`);
  }
  for (const [stage, at] of Object.entries(began)) {
    await tx.execute(sql`UPDATE stage_transitions SET started_at = ${new Date(at).toISOString()} WHERE campaign_id = ${campaign.id} AND stage = ${stage}`);
  }
}
