import pg from 'pg';

/**
 * The settings, as `name=value`, under which PostgreSQL acknowledges commits that a crash can
 * lose. Read over a connection like the app's, so settings of its role and database count too.
 */
export async function unsafeDurabilitySettings(databaseUrl: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      `SELECT name FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit') AND setting = 'off' ORDER BY name`,
    );
    return rows.map(({ name }) => `${name}=off`);
  } finally {
    await client.end();
  }
}
