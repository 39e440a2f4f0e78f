import pg from 'pg';
import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'drizzle-orm';
import type { CampaignEventData, CampaignEventType } from '@city-spirit/shared';
import type { Executor } from '../../db/client.ts';

export const EVENTS_CHANNEL = 'city_spirit_events';
/** The listening connection's application_name, as pg_stat_activity shows it. */
export const LISTENER_NAME = 'city-spirit-events';

export type CampaignEvent = {
  id: number;
  campaignId: string;
  type: CampaignEventType;
  data: Record<string, unknown>;
  /** Set for an event meant for one person's connections only. */
  recipientId: string | null;
};

/** One live event to record: for everyone following the campaign, or for one person's connections. */
export type NewCampaignEvent<T extends CampaignEventType = CampaignEventType> = { campaignId: string; type: T; data: CampaignEventData<T>; recipientId?: string | null };

/**
 * Records live events in the caller's transaction, in one statement: the rows' trigger sends each
 * through NOTIFY when the transaction commits (never before, never if it rolls back), to every
 * instance's listener.
 */
export async function recordEvents(tx: Executor, events: NewCampaignEvent[]): Promise<void> {
  if (events.length === 0) return;
  const rows = events.map(({ campaignId, type, data, recipientId }) => sql`(${campaignId}, ${type}, ${JSON.stringify(data)}::jsonb, ${recipientId ?? null})`);
  await tx.execute(sql`INSERT INTO campaign_events (campaign_id, type, data, recipient_id) VALUES ${sql.join(rows, sql`, `)}`);
}

/** Records one live event in the caller's transaction (see recordEvents). */
export async function recordEvent<T extends CampaignEventType>(
  tx: Executor,
  campaignId: string,
  type: T,
  data: CampaignEventData<T>,
  recipientId: string | null = null,
): Promise<void> {
  await recordEvents(tx, [{ campaignId, type, data, recipientId }]);
}

/** Events of a campaign after `afterId` and newer than `withinMs`, for Last-Event-ID resume. */
export async function eventsSince(db: Executor, campaignId: string, afterId: number, withinMs: number): Promise<CampaignEvent[]> {
  const { rows } = await db.execute<{ id: string; type: CampaignEventType; data: Record<string, unknown>; recipient_id: string | null }>(sql`
    SELECT id, type, data, recipient_id FROM campaign_events
    WHERE campaign_id = ${campaignId} AND id > ${afterId} AND created_at > now() - make_interval(secs => ${withinMs / 1000})
    ORDER BY id LIMIT 1000`);
  return rows.map((row) => ({ id: Number(row.id), campaignId, type: row.type, data: row.data, recipientId: row.recipient_id }));
}

type Listener = (event: CampaignEvent) => void;

export type EventHub = {
  /** Resolves once the instance listens, so that nothing committed after it is missed. */
  subscribe(campaignId: string, listener: Listener): Promise<() => void>;
  listenerCount(): number;
  close(): Promise<void>;
};

/**
 * One LISTEN connection per server instance, opened at the first subscriber, whatever the number of
 * connected clients; events fan out from it in memory. A lost connection is opened again, and the
 * events committed meanwhile are read back from the table, so subscribers miss none.
 */
export function createEventHub(databaseUrl: string, log: FastifyBaseLogger): EventHub {
  const listeners = new Map<string, Set<Listener>>();
  let client: pg.Client | null = null;
  let connecting: Promise<void> | null = null;
  let lastId = 0;
  let closed = false;
  let retryTimer: NodeJS.Timeout | null = null;

  // Ids dispatched lately: after a reconnect an event can come both by NOTIFY and from the catch-up read.
  const recent = new Set<number>();
  const dispatch = (event: CampaignEvent) => {
    if (recent.has(event.id)) return;
    recent.add(event.id);
    if (recent.size > 10_000) recent.delete(recent.values().next().value!);
    if (event.id > lastId) lastId = event.id;
    for (const listener of listeners.get(event.campaignId) ?? []) {
      try {
        listener(event);
      } catch (error) {
        log.warn({ err: error }, 'event listener failed');
      }
    }
  };

  async function catchUp(connection: pg.Client) {
    if (lastId === 0) return;
    const { rows } = await connection.query<{ id: string; campaign_id: string; type: CampaignEventType; data: Record<string, unknown>; recipient_id: string | null }>(
      'SELECT id, campaign_id, type, data, recipient_id FROM campaign_events WHERE id > $1 ORDER BY id LIMIT 10000',
      [lastId],
    );
    for (const row of rows) dispatch({ id: Number(row.id), campaignId: row.campaign_id, type: row.type, data: row.data, recipientId: row.recipient_id });
  }

  // A connection that only listens never writes, so one dropped silently (a NAT, a load balancer)
  // would raise no error: a query every 30 s finds out, and the error handler reconnects.
  const probe = setInterval(() => {
    const connection = client;
    if (!connection) return;
    connection.query('SELECT 1').catch((error: Error) => connection.emit('error', error));
  }, 30_000);
  probe.unref();

  function scheduleReconnect() {
    if (closed || retryTimer || listeners.size === 0) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void connect().catch(() => scheduleReconnect());
    }, 1000);
    retryTimer.unref();
  }

  function connect(): Promise<void> {
    if (client) return Promise.resolve();
    connecting ??= (async () => {
      const connection = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000, application_name: LISTENER_NAME, keepAlive: true });
      connection.on('error', (error) => {
        log.warn({ err: error }, 'event listener connection lost');
        if (client === connection) client = null;
        void connection.end().catch(() => undefined);
        scheduleReconnect();
      });
      connection.on('notification', (message) => {
        if (message.channel !== EVENTS_CHANNEL || !message.payload) return;
        try {
          const event = JSON.parse(message.payload) as CampaignEvent;
          dispatch({ ...event, id: Number(event.id) });
        } catch (error) {
          log.warn({ err: error }, 'unreadable event');
        }
      });
      try {
        await connection.connect();
        await connection.query(`LISTEN ${EVENTS_CHANNEL}`);
        if (lastId === 0) {
          const { rows } = await connection.query<{ id: string | null }>('SELECT max(id) AS id FROM campaign_events');
          lastId = Math.max(lastId, Number(rows[0]?.id ?? 0));
        } else {
          await catchUp(connection);
        }
        client = connection;
      } catch (error) {
        await connection.end().catch(() => undefined);
        throw error;
      }
    })().finally(() => {
      connecting = null;
    });
    return connecting;
  }

  return {
    async subscribe(campaignId, listener) {
      let set = listeners.get(campaignId);
      if (!set) listeners.set(campaignId, (set = new Set()));
      set.add(listener);
      try {
        await connect();
      } catch (error) {
        set.delete(listener);
        if (set.size === 0) listeners.delete(campaignId);
        throw error;
      }
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(campaignId);
      };
    },
    listenerCount: () => [...listeners.values()].reduce((sum, set) => sum + set.size, 0),
    async close() {
      closed = true;
      clearInterval(probe);
      if (retryTimer) clearTimeout(retryTimer);
      listeners.clear();
      await connecting?.catch(() => undefined);
      const connection = client;
      client = null;
      await connection?.end().catch(() => undefined);
    },
  };
}

/** Deletes events older than the resume window: nobody can ask for them again. */
export async function pruneEvents(db: Executor, olderThanMs: number): Promise<number> {
  const { rowCount } = await db.execute(sql`DELETE FROM campaign_events WHERE created_at < now() - make_interval(secs => ${olderThanMs / 1000})`);
  return rowCount ?? 0;
}

/** Prunes every minute (each instance; deleting twice is harmless), off the request path. */
export function schedulePruning(db: Executor, olderThanMs: number, log: FastifyBaseLogger): () => void {
  const timer = setInterval(() => {
    pruneEvents(db, olderThanMs).catch((error) => log.warn({ err: error }, 'old events not pruned'));
  }, 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
