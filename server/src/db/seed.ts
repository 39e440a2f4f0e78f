import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { count, sql } from 'drizzle-orm';
import { hash } from '@node-rs/argon2';
import { z } from 'zod';
import { campaignCreateSchema, roleSchema } from '@city-spirit/shared';
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
});

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
export async function seedDemoData(db: Database): Promise<boolean> {
  return db.transaction(async (tx) => {
    // Instances starting together must not seed twice.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(7362011)`);
    const [existing] = await tx.select({ n: count() }).from(campaigns);
    if ((existing?.n ?? 0) > 0) return false;

    const campaignFile = JSON.parse(await readFile(path.join(seedsDir, 'campaign.json'), 'utf8'));
    const campaign = await createCampaign(tx, campaignCreateSchema.parse(campaignFile));

    const accountsFile = await readJson('accounts.json', accountsFileSchema);
    const passwordHash = await hash(accountsFile.password);
    await tx.insert(users).values(
      accountsFile.accounts.map((account) => ({
        email: account.email,
        passwordHash,
        displayName: account.displayName,
        role: account.role,
        districtCode: account.districtCode,
        verifiedAt: account.verified ? new Date() : null,
      })),
    );
    const residents = await tx
      .insert(users)
      .values(accountsFile.sampleResidents.map((resident) => ({ ...resident, verifiedAt: new Date() })))
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
    ).returning({ id: submissions.id, authorId: submissions.authorId });
    await seedDemoVotes(tx, campaign.id, residents, entries, now);
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

export async function seedDatabase(db: Database, { demo }: { demo: boolean }): Promise<{ demoSeeded: boolean }> {
  await seedDistricts(db);
  return { demoSeeded: demo ? await seedDemoData(db) : false };
}
