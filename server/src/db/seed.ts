import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { count, sql } from 'drizzle-orm';
import { hash } from '@node-rs/argon2';
import { z } from 'zod';
import { campaignCreateSchema, COMMENT_MAX_DEPTH, roleSchema, type Stage, stageReached } from '@city-spirit/shared';
import { dateDemoStages, type DemoCast, moveDemoTo, seedAdoption, seedDiscussWork, seedRefineWork } from './seed-panel.ts';
import { notify } from '../modules/notifications/service.ts';
import { mergeEntry } from '../modules/moderation/merge.ts';
import { repoRoot } from '../config.ts';
import type { Database, Executor } from './client.ts';
import { campaigns, districts, submissions, users, votes } from './schema.ts';
import { createCampaign } from '../modules/campaigns/service.ts';
import { textIndexColumns } from '../modules/submissions/text-index.ts';

const seedsDir = path.join(repoRoot, 'seeds');

const accountsFileSchema = z.object({
  password: z.string(),
  accounts: z.array(
    z.object({ email: z.email(), displayName: z.string(), role: roleSchema, districtCode: z.string(), verified: z.boolean() }),
  ),
  sampleResidents: z.array(z.object({ displayName: z.string(), districtCode: z.string() })),
  /** The expert panel's other two members (no sign-in): with expert@example.com, the default quorum of three. */
  panel: z.array(z.object({ displayName: z.string(), districtCode: z.string() })).length(2),
});

type DemoComment = {
  author: number | string;
  stance: 'support' | 'oppose' | 'neutral';
  body: string;
  up: number;
  down: number;
  ago: number;
  replies?: DemoComment[];
};
const demoCommentSchema: z.ZodType<DemoComment> = z.lazy(() =>
  z.object({
    author: z.union([z.number().int(), z.email()]),
    stance: z.enum(['support', 'oppose', 'neutral']),
    body: z.string(),
    up: z.number().int().min(0),
    down: z.number().int().min(0),
    ago: z.number().int().min(0).describe('minutes before seeding'),
    replies: z.array(demoCommentSchema).optional(),
  }),
);
const commentsFileSchema = z.array(z.object({ phrase: z.string(), comments: z.array(demoCommentSchema) }));

const phrasesFileSchema = z.array(
  z.object({ phrase: z.string(), explanation: z.string(), author: z.number().int(), districtCode: z.string() }),
);

async function readJson<T>(file: string, schema: z.ZodType<T>): Promise<T> {
  return schema.parse(JSON.parse(await readFile(path.join(seedsDir, file), 'utf8')));
}

export async function readDistricts(): Promise<(typeof districts.$inferInsert)[]> {
  const csv = await readFile(path.join(seedsDir, 'chongqing-districts.csv'), 'utf8');
  const [, ...lines] = csv.trim().split('\n');
  return lines.map((line) => {
    const [code = '', nameZh = '', nameEn = '', kind = ''] = line.split(',').map((cell) => cell.trim());
    return { code, nameZh, nameEn, kind: z.enum(['district', 'county', 'autonomous_county']).parse(kind.replace(' ', '_')) };
  });
}

/** Reference data every installation needs, production included. */
export async function seedDistricts(db: Database): Promise<void> {
  const rows = await readDistricts();
  await db
    .insert(districts)
    .values(rows)
    .onConflictDoUpdate({
      target: districts.code,
      set: { nameZh: sql`excluded.name_zh`, nameEn: sql`excluded.name_en`, kind: sql`excluded.kind` },
    });
}

/** The Chongqing campaign, one account per role and sample phrases; only into a database without campaigns. */
export type DemoOptions = { stage?: Stage };

export async function seedDemoData(db: Database, options: DemoOptions = {}): Promise<boolean> {
  return db.transaction(async (tx) => {
    // Instances starting together must not seed twice.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(7362011)`);
    const [existing] = await tx.select({ n: count() }).from(campaigns);
    if ((existing?.n ?? 0) > 0) return false;

    const campaignFile = JSON.parse(await readFile(path.join(seedsDir, 'campaign.json'), 'utf8'));
    const campaign = await createCampaign(tx, campaignCreateSchema.parse(campaignFile));

    const accountsFile = await readJson('accounts.json', accountsFileSchema);
    const passwordHash = await hash(accountsFile.password);
    const accounts = await tx.insert(users).values(
      accountsFile.accounts.map((account) => ({
        email: account.email,
        passwordHash,
        displayName: account.displayName,
        role: account.role,
        districtCode: account.districtCode,
        verifiedAt: account.verified ? new Date() : null,
      })),
    ).returning({ id: users.id, email: users.email, displayName: users.displayName });
    const residents = await tx
      .insert(users)
      .values(accountsFile.sampleResidents.map((resident) => ({ ...resident, verifiedAt: new Date() })))
      .returning({ id: users.id, displayName: users.displayName });
    const panelists = await tx
      .insert(users)
      .values(accountsFile.panel.map((member) => ({ ...member, role: 'expert' as const, verifiedAt: new Date() })))
      .returning({ id: users.id });

    const phrases = await readJson('phrases.json', phrasesFileSchema);
    const now = Date.now();
    const entries = await tx.insert(submissions).values(
      phrases.map((entry, index) => {
        const author = residents[entry.author % residents.length];
        if (!author) throw new Error(`phrases.json: entry ${index} names an unknown author`);
        const createdAt = new Date(now - (phrases.length - index) * 47 * 60_000);
        return {
          campaignId: campaign.id,
          authorId: author.id,
          phrase: entry.phrase,
          explanation: entry.explanation,
          ...textIndexColumns(entry.phrase, entry.explanation),
          districtCode: entry.districtCode,
          language: /\p{Script=Han}/u.test(entry.phrase) ? 'zh' : 'en',
          status: 'published' as const,
          createdAt,
          updatedAt: createdAt,
        };
      }),
    ).returning({ id: submissions.id, authorId: submissions.authorId, phrase: submissions.phrase });
    await seedDemoVotes(tx, campaign.id, residents, entries, now);
    await seedDemoComments(tx, { id: campaign.id, slug: campaign.slug }, residents, accounts, entries, now);
    await seedDemoModeration(tx, campaign.id, residents, accounts, entries);
    const stage = options.stage ?? 'collect';
    const demo = { id: campaign.id, title: campaign.title };
    const expert = accounts.find((account) => account.email === 'expert@example.com')!;
    const cast: DemoCast = { panel: [expert, panelists[0]!, panelists[1]!], residents, entries };
    if (stageReached(stage, 'discuss')) {
      await moveDemoTo(tx, demo, 'collect', 'discuss');
      await startDiscussion(tx, campaign.id, accounts, entries);
      await seedDiscussWork(tx, demo, cast, now);
    }
    if (stageReached(stage, 'refine')) {
      await moveDemoTo(tx, demo, 'discuss', 'refine');
      const drafts = await seedRefineWork(tx, demo, cast, now);
      if (stage === 'announced') {
        await seedAdoption(tx, demo, drafts, now);
        await moveDemoTo(tx, demo, 'refine', 'announced');
      }
    }
    await dateDemoStages(tx, demo, stage, now);
    return true;
  });
}

/**
 * Each sample resident supports up to five entries of others, cast over the last five days, so the
 * top and trending orders have something to show. Counters are set from the rows.
 */
async function seedDemoVotes(
  tx: Executor,
  campaignId: string,
  residents: { id: string }[],
  entries: { id: string; authorId: string }[],
  now: number,
): Promise<void> {
  let state = 20_260_301;
  const random = () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state / 4_294_967_296;
  };
  const rows: (typeof votes.$inferInsert)[] = [];
  for (const resident of residents) {
    const chosen = new Set<string>();
    const wanted = 1 + Math.floor(random() * 5);
    for (let attempt = 0; attempt < 20 && chosen.size < wanted; attempt++) {
      // Earlier entries are a little more popular, as they have been around longer.
      const entry = entries[Math.floor(random() ** 1.5 * entries.length)]!;
      if (entry.authorId !== resident.id) chosen.add(entry.id);
    }
    for (const submissionId of chosen) {
      rows.push({ userId: resident.id, submissionId, campaignId, createdAt: new Date(now - random() * 5 * 86_400_000) });
    }
  }
  if (rows.length) await tx.insert(votes).values(rows);
  await tx.execute(sql`
    UPDATE submissions s SET vote_count = (SELECT count(*) FROM votes v WHERE v.submission_id = s.id)
    WHERE s.campaign_id = ${campaignId}`);
}

type Person = { id: string; displayName: string };

/**
 * Threads on some demo entries (seeds/comments.json): stances, replies to the deepest level, staff
 * comments, votes on comments, and the notifications they cause. Every count is set from the rows.
 */
async function seedDemoComments(
  tx: Executor,
  campaign: { id: string; slug: string },
  residents: Person[],
  accounts: (Person & { email: string | null })[],
  entries: { id: string; authorId: string; phrase: string }[],
  now: number,
): Promise<void> {
  const threads = await readJson('comments.json', commentsFileSchema);
  const people = new Map([...residents, ...accounts].map((person) => [person.id, person]));
  const personOf = (author: number | string): Person => {
    const person = typeof author === 'number' ? residents[author % residents.length] : accounts.find((account) => account.email === author);
    if (!person) throw new Error(`comments.json names an unknown author: ${author}`);
    return person;
  };
  for (const thread of threads) {
    const entry = entries.find((candidate) => candidate.phrase === thread.phrase);
    if (!entry) throw new Error(`comments.json: no demo entry "${thread.phrase}"`);
    const target = { type: 'submission' as const, id: entry.id, title: entry.phrase };
    const insert = async (comment: DemoComment, answered: { id: string; depth: number; parentId: string | null; authorId: string } | null): Promise<void> => {
      const author = personOf(comment.author);
      const deepest = answered !== null && answered.depth >= COMMENT_MAX_DEPTH;
      const depth = answered ? Math.min(answered.depth + 1, COMMENT_MAX_DEPTH) : 1;
      const parentId = answered ? (deepest ? answered.parentId : answered.id) : null;
      const createdAt = new Date(now - comment.ago * 60_000);
      const { rows } = await tx.execute<{ id: string }>(sql`
        INSERT INTO comments (campaign_id, target_type, target_id, parent_id, reply_to_id, depth, author_id, stance, body, created_at)
        VALUES (${campaign.id}, 'submission', ${entry.id}, ${parentId}, ${deepest ? answered.id : null}, ${depth}, ${author.id}, ${comment.stance}, ${comment.body}, ${createdAt.toISOString()})
        RETURNING id`);
      const id = rows[0]!.id;
      // Votes from residents other than the author, as many as the file says.
      const voters = residents.filter((resident) => resident.id !== author.id);
      const offset = id.charCodeAt(0) % voters.length;
      const values = [...Array(comment.up).fill(1), ...Array(comment.down).fill(-1)].map((value, index) => ({
        voter: voters[(offset + index) % voters.length]!.id,
        value,
      }));
      for (const vote of values) await tx.execute(sql`INSERT INTO comment_votes (comment_id, user_id, value) VALUES (${id}, ${vote.voter}, ${vote.value})`);
      const common = { campaignId: campaign.id, entryId: entry.id, actorId: author.id, details: { commentId: id } };
      if (answered && answered.authorId !== author.id) {
        await notify(tx, { ...common, userId: answered.authorId, kind: 'comment.reply', subject: { type: 'comment', id: answered.id, title: entry.phrase } });
      }
      if (entry.authorId !== author.id && entry.authorId !== answered?.authorId && people.has(entry.authorId)) {
        await notify(tx, { ...common, userId: entry.authorId, kind: 'comment.on_entry', subject: target });
      }
      for (const reply of comment.replies ?? []) await insert(reply, { id, depth, parentId, authorId: author.id });
    };
    for (const comment of thread.comments) await insert(comment, null);
  }
  await tx.execute(sql`
    UPDATE comments c SET
      upvotes = (SELECT count(*) FROM comment_votes v WHERE v.comment_id = c.id AND v.value = 1),
      downvotes = (SELECT count(*) FROM comment_votes v WHERE v.comment_id = c.id AND v.value = -1),
      reply_count = (SELECT count(*) FROM comments r WHERE r.parent_id = c.id)
    WHERE c.campaign_id = ${campaign.id}`);
  await tx.execute(sql`UPDATE comments SET wilson = comment_wilson(upvotes, downvotes) WHERE campaign_id = ${campaign.id}`);
  await tx.execute(sql`
    UPDATE submissions s SET comment_count = (SELECT count(*) FROM comments c WHERE c.target_type = 'submission' AND c.target_id = s.id AND c.deleted_at IS NULL)
    WHERE s.campaign_id = ${campaign.id}`);
  await tx.execute(sql`
    INSERT INTO comment_stances (target_type, target_id, support, oppose, neutral)
    SELECT target_type, target_id, count(*) FILTER (WHERE stance = 'support'), count(*) FILTER (WHERE stance = 'oppose'), count(*) FILTER (WHERE stance = 'neutral')
    FROM comments WHERE campaign_id = ${campaign.id} AND deleted_at IS NULL GROUP BY target_type, target_id`);
}

type Account = Person & { email: string | null };

/**
 * Something for the moderators' console on first start: an entry held back by a blocked term,
 * open reports on an entry and on a comment, and a near-duplicate merged into its twin (votes moved,
 * with the trace that restoring it reads).
 */
async function seedDemoModeration(tx: Executor, campaignId: string, residents: Person[], accounts: Account[], entries: { id: string; authorId: string; phrase: string }[]) {
  const moderator = accounts.find((account) => account.email === 'moderator@example.com')!;
  const byPhrase = (phrase: string) => {
    const entry = entries.find((candidate) => candidate.phrase === phrase);
    if (!entry) throw new Error(`demo moderation: no demo entry "${phrase}"`);
    return entry;
  };
  const spam = '加微信领重庆火锅券';
  await tx.insert(submissions).values({
    campaignId,
    authorId: residents[5]!.id,
    phrase: spam,
    explanation: '扫码关注，先到先得。',
    ...textIndexColumns(spam, '扫码关注，先到先得。'),
    language: 'zh',
    status: 'pending',
    pendingReason: 'blocked_term',
  });
  const reported = byPhrase('火辣热情');
  for (const [index, reason] of (['off_topic', 'duplicate', 'other'] as const).entries()) {
    const reporter = residents[(20 + index * 7) % residents.length]!;
    if (reporter.id === reported.authorId) continue;
    await tx.execute(sql`INSERT INTO reports (campaign_id, target_type, target_id, reporter_id, reason, note)
      VALUES (${campaignId}, 'submission', ${reported.id}, ${reporter.id}, ${reason}, ${index === 0 ? '这更像是在说饮食，不是城市精神' : ''})`);
  }
  const { rows: comments } = await tx.execute<{ id: string; author_id: string }>(sql`
    SELECT id, author_id FROM comments WHERE campaign_id = ${campaignId} AND stance = 'oppose' ORDER BY created_at LIMIT 1`);
  if (comments[0]) {
    const reporter = residents.find((resident) => resident.id !== comments[0]!.author_id)!;
    await tx.execute(sql`INSERT INTO reports (campaign_id, target_type, target_id, reporter_id, reason, note)
      VALUES (${campaignId}, 'comment', ${comments[0].id}, ${reporter.id}, 'offensive', '语气不太友好')`);
  }
  // A near-duplicate merged into its twin, as a moderator would (mergeEntry runs in a savepoint here).
  const [source, target] = [byPhrase('爬坡上坎 不怕苦'), byPhrase('爬坡上坎，步步登高')];
  await mergeEntry(tx as unknown as Database, { id: moderator.id, role: 'moderator' }, source.id, target.id, '与“爬坡上坎，步步登高”意思相同，合并后支持票一并计入。');
}

/** `npm run db:seed -- --stage discuss` (or later): the shortlist the moderators picked. */
async function startDiscussion(tx: Executor, campaignId: string, accounts: Account[], entries: { id: string; phrase: string }[]) {
  const moderator = accounts.find((account) => account.email === 'moderator@example.com')!;
  const picks: [string, string][] = [
    ['坚韧顽强，开放包容', '讨论中支持最多的一条：既说出了抗战以来的坚守，也说出了内陆开放高地的胸怀。'],
    ['爬坡上坎，步步登高', '把山城的日常变成向上的精神，好记，也合并了相近的“爬坡上坎 不怕苦”。'],
    ['耿直豪爽', '最能代表重庆人性格的一条，讨论里本地人一致认同。'],
    ['敢为人先', '从直辖到陆海新通道，体现“引领发展思潮”。'],
    ['两江交汇，兼容并蓄', '以两江交汇的意象说开放包容，地域特色鲜明。'],
  ];
  for (const [phrase, rationale] of picks) {
    const entry = entries.find((candidate) => candidate.phrase === phrase);
    if (!entry) throw new Error(`demo shortlist: no demo entry "${phrase}"`);
    await tx.execute(sql`UPDATE submissions SET status = 'shortlisted', updated_at = now() WHERE id = ${entry.id}`);
    await tx.execute(sql`INSERT INTO shortlist_entries (submission_id, campaign_id, rationale, added_by) VALUES (${entry.id}, ${campaignId}, ${rationale}, ${moderator.id})`);
    await tx.execute(sql`INSERT INTO moderation_actions (campaign_id, target_type, target_id, target_author_id, action, reason, actor_id, actor_role)
      SELECT ${campaignId}, 'submission', id, author_id, 'shortlist', ${rationale}, ${moderator.id}, 'moderator' FROM submissions WHERE id = ${entry.id}`);
  }
}

export async function seedDatabase(db: Database, { demo, stage }: { demo: boolean; stage?: DemoOptions['stage'] }): Promise<{ demoSeeded: boolean }> {
  await seedDistricts(db);
  return { demoSeeded: demo ? await seedDemoData(db, { stage }) : false };
}
