import { ConfigError, loadConfig } from '../config.ts';
import { eq, or, sql } from 'drizzle-orm';
import { normalizePhone, roleSchema, stageSchema } from '@city-spirit/shared';
import { deleteUserSessions } from '../modules/accounts/sessions.ts';
import { createDatabase, createPool, type Database } from './client.ts';
import { auditLog, users } from './schema.ts';
import { backfillTextIndex } from '../modules/submissions/text-index.ts';
import { startEmbeddedPostgres } from './embedded.ts';
import { runMigrations } from './migrate.ts';
import { seedDatabase } from './seed.ts';

const USAGE = 'usage: npm run db:migrate | npm run db:seed [-- --stage collect|discuss|refine|announced] | npm run user:role -- <email or phone> <resident|moderator|expert|admin> "<reason>"';

async function run(command: string | undefined, args: string[]): Promise<void> {
  if (command !== 'migrate' && command !== 'seed' && command !== 'role') throw new ConfigError(USAGE);
  const config = loadConfig();
  const embedded = config.databaseUrl ? null : await startEmbeddedPostgres(config.embeddedPostgresDir, () => undefined);
  const databaseUrl = config.databaseUrl ?? embedded!.databaseUrl;
  try {
    await runMigrations(databaseUrl);
    console.log('migrations applied');
    const indexPool = createPool(databaseUrl, 2);
    const indexed = await backfillTextIndex(createDatabase(indexPool)).finally(() => indexPool.end());
    if (indexed) console.log(`indexed the text of ${indexed} older entries`);
    if (command === 'role') {
      const pool = createPool(databaseUrl, 2);
      try {
        console.log(await setRoleFromCommandLine(createDatabase(pool), args));
      } finally {
        await pool.end();
      }
    }
    if (command === 'seed') {
      const pool = createPool(databaseUrl, 2);
      const stageAt = args.indexOf('--stage');
      const stage = stageAt >= 0 ? stageSchema.safeParse(args[stageAt + 1]) : { success: true as const, data: config.seedStage };
      if (!stage.success) throw new ConfigError('usage: npm run db:seed -- [--stage collect|discuss|refine|announced]');
      const { demoSeeded } = await seedDatabase(createDatabase(pool), { demo: config.seedDemoData, stage: stage.data });
      await pool.end();
      console.log(
        demoSeeded
          ? 'districts and demo data loaded'
          : config.seedDemoData
            ? 'districts updated; demo data skipped because the database already has a campaign'
            : 'districts updated; demo data is never loaded when NODE_ENV=production',
      );
    }
  } finally {
    await embedded?.stop();
  }
}

/** The first admin of a production installation: someone signs up on the site, the operator promotes them here. */
async function setRoleFromCommandLine(db: Database, [login, role, reason]: string[]): Promise<string> {
  const parsedRole = roleSchema.safeParse(role);
  if (!login || !parsedRole.success || !reason) throw new ConfigError(USAGE);
  const contact = login.includes('@') ? login.toLowerCase() : (normalizePhone(login) ?? login);
  return db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(or(eq(users.email, contact), eq(users.phone, contact)));
    if (!user || user.deletedAt) throw new ConfigError(`No account signs in with ${login}. Sign up on the site first.`);
    if (user.role === parsedRole.data) return `${user.displayName} already has the role ${user.role}`;
    await tx.update(users).set({ role: parsedRole.data, updatedAt: sql`now()` }).where(eq(users.id, user.id));
    await deleteUserSessions(tx, user.id);
    await tx.insert(auditLog).values({
      actorId: null,
      actorRole: null,
      action: 'user.role_changed',
      targetType: 'user',
      targetId: user.id,
      reason: `${reason} (command line, by ${process.env.USER ?? 'operator'})`,
      details: { from: user.role, to: parsedRole.data },
    });
    return `${user.displayName} is now ${parsedRole.data}; their sessions ended, the change is in the audit log`;
  });
}

run(process.argv[2], process.argv.slice(3)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
