import { inArray, eq } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { isPublicSubmissionStatus, voteCountsHiddenInStage } from '@city-spirit/shared';
import type { Database } from '../../db/client.ts';
import { campaigns, submissions } from '../../db/schema.ts';
import { toCampaignRules } from '../campaigns/service.ts';
import { recordEvents } from './hub.ts';

export type VoteCountEvents = {
  /** An entry's vote count changed; its new count goes out with the next batch. */
  changed(submissionId: string): void;
  flush(): Promise<void>;
  close(): Promise<void>;
};

/**
 * `submission.votes` events, batched: votes are the busiest write, so instead of an event in every
 * vote's transaction, the entries voted on are collected and their counts read and sent every
 * `intervalMs`. Reading the count at sending time means the newest count goes out, whichever
 * instance sends it. Nothing is sent for a campaign that hides its counts.
 */
export function voteCountEvents(db: Database, log: FastifyBaseLogger, intervalMs = 500): VoteCountEvents {
  let pending = new Set<string>();
  let running: Promise<void> | null = null;

  async function send(ids: string[]) {
    const rows = await db
      .select({ id: submissions.id, status: submissions.status, voteCount: submissions.voteCount, campaignId: campaigns.id, slug: campaigns.slug, stage: campaigns.stage, settings: campaigns.settings })
      .from(submissions)
      .innerJoin(campaigns, eq(campaigns.id, submissions.campaignId))
      .where(inArray(submissions.id, ids));
    // Public entries only, and only where the campaign shows counts: the stream is read by anyone.
    const visible = rows.filter(
      (row) => isPublicSubmissionStatus(row.status) && !voteCountsHiddenInStage(toCampaignRules({ id: row.campaignId, slug: row.slug, stage: row.stage, settings: row.settings })),
    );
    await recordEvents(db, visible.map((row) => ({ campaignId: row.campaignId, type: 'submission.votes', data: { id: row.id, voteCount: row.voteCount } })));
  }

  const flush = async () => {
    await running;
    if (pending.size === 0) return;
    const ids = [...pending];
    pending = new Set();
    running = send(ids)
      .catch((error) => {
        // Tried again with the next batch (the counts are read then, so they are still the newest).
        for (const id of ids) pending.add(id);
        log.warn({ err: error }, 'vote count events not sent');
      })
      .finally(() => {
        running = null;
      });
    await running;
  };

  const timer = setInterval(() => void flush(), intervalMs);
  timer.unref();

  return {
    changed(submissionId) {
      pending.add(submissionId);
    },
    flush,
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
}
