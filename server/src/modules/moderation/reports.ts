import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { reportCreateSchema } from '@city-spirit/shared';
import type { Database } from '../../db/client.ts';
import { conflict, notFound } from '../../errors.ts';
import { assertStageAllows } from '../campaigns/stages.ts';
import { hideContent } from './content.ts';
import { recordAction, tellAuthor, type Moderator } from './record.ts';
import { canSeeContent, isShownContent, loadContent } from './targets.ts';

/**
 * Reports content, once per reporter and target. At the campaign's autoHideReports open reports,
 * the content is hidden until a moderator reviews it, and its author is told: in the same
 * transaction, under the content's lock, so concurrent reports hide it once.
 */
export async function createReport(db: Database, reporter: Moderator, input: z.output<typeof reportCreateSchema>) {
  return db.transaction(async (tx) => {
    const content = await loadContent(tx, input.targetType, input.targetId, true);
    if (!content || !canSeeContent(content, reporter)) throw notFound('There is no such entry or comment.');
    assertStageAllows(content.campaign, 'report');
    if (content.authorId === reporter.id) throw conflict('This is your own contribution: withdraw or delete it instead of reporting it.');
    const { rows } = await tx.execute<{ id: string; created_at: string }>(sql`
      INSERT INTO reports (campaign_id, target_type, target_id, reporter_id, reason, note)
      VALUES (${content.campaign.id}, ${content.type}, ${content.id}, ${reporter.id}, ${input.reason}, ${input.note})
      ON CONFLICT (reporter_id, target_type, target_id) DO NOTHING RETURNING id, created_at`);
    if (!rows[0]) throw conflict('You have reported this already; moderators will look at it.');
    const { rows: open } = await tx.execute<{ n: string }>(sql`
      SELECT count(*) AS n FROM reports WHERE target_type = ${content.type} AND target_id = ${content.id} AND resolved_at IS NULL`);
    const reportCount = Number(open[0]!.n);
    const threshold = content.campaign.settings.autoHideReports;
    let hidden = false;
    if (isShownContent(content) && reportCount >= threshold) {
      await hideContent(tx, content);
      const reason = `Hidden automatically after ${reportCount} reports, until a moderator reviews it.`;
      await recordAction(tx, {
        campaignId: content.campaign.id,
        targetType: content.type,
        targetId: content.id,
        targetAuthorId: content.authorId,
        action: 'hide',
        reason,
        actor: null,
        details: { automatic: true, reports: reportCount },
      });
      await tellAuthor(tx, content, content.type === 'submission' ? 'entry.hidden' : 'comment.hidden', { reason, automatic: true });
      hidden = true;
    }
    return {
      report: { id: rows[0].id, targetType: content.type, targetId: content.id, reason: input.reason, note: input.note, createdAt: new Date(rows[0].created_at).toISOString() },
      hidden,
    };
  });
}
