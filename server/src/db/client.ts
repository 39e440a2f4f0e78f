import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import * as schema from './schema.ts';

export type Database = NodePgDatabase<typeof schema>;

export function createPool(databaseUrl: string, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString: databaseUrl, max, connectionTimeoutMillis: 5000 });
  // A client that loses its connection (a database restart, the network) must not crash the process:
  // the pool reports idle ones here; a checked-out one emits 'error' on itself, between two of its
  // queries (inside a transaction), where the pool no longer listens. Its next query fails instead,
  // and the pool discards it when it is released with that error.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

export function createDatabase(pool: pg.Pool): Database {
  return drizzle(pool, { schema });
}

/** A database handle or an open transaction; services take either so callers can compose them. */
export type Executor = Database | Parameters<Parameters<Database['transaction']>[0]>[0];

/**
 * A query built once and prepared once per connection (a named statement), for the few statements
 * on hot paths: drizzle's query building and PostgreSQL's planning then cost nothing per request.
 */
export function preparedStatement<T>(build: (db: Database) => T): (db: Database) => T {
  const built = new WeakMap<Database, T>();
  return (db) => {
    let statement = built.get(db);
    if (!statement) built.set(db, (statement = build(db)));
    return statement;
  };
}
