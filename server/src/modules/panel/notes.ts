import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  canSeePanelNotes,
  isShortlisted,
  PANEL_NOTE_MAX_DEPTH,
  type PanelNote,
  type PanelNoteTargetType,
  type PolicyViewer,
  type SubmissionStatus,
  type panelNoteCreateSchema,
} from '@city-spirit/shared';
import type { Database, Executor } from '../../db/client.ts';
import { AppError, conflict, forbidden, notFound } from '../../errors.ts';
import { toCampaignRules, type CampaignRules } from '../campaigns/service.ts';
import { assertStageAllows } from '../campaigns/stages.ts';
import type { Panelist } from './assessments.ts';
import { toPanelNote, type PanelNoteRow } from './present.ts';

/** What a panel note hangs on, as the notes rules need it. */
type NoteTarget = {
  type: PanelNoteTargetType;
  id: string;
  campaign: CampaignRules;
  /** Why it takes no new notes (its notes stay readable), or null when it does. */
  closed: string | null;
};

type CampaignColumns = { campaign_id: string; slug: string; stage: CampaignRules['stage']; settings: CampaignRules['settings'] };
const campaignOf = (row: CampaignColumns) => toCampaignRules({ id: row.campaign_id, slug: row.slug, stage: row.stage, settings: row.settings });

/**
 * Each kind of note target: how to find it; `lock` holds it, and its campaign's stage, against a
 * change while a note is written (a note sent as the campaign is announced is refused, not written after).
 */
const NOTE_TARGETS: Record<PanelNoteTargetType, { missing: string; load(db: Executor, id: string, lock: boolean): Promise<NoteTarget | null> }> = {
  submission: {
    missing: 'There is no such entry.',
    async load(db, id, lock) {
      const { rows } = await db.execute<CampaignColumns & { id: string; status: SubmissionStatus }>(sql`
        SELECT s.id, s.status, c.id AS campaign_id, c.slug, c.stage, c.settings
        FROM submissions s JOIN campaigns c ON c.id = s.campaign_id WHERE s.id = ${id} ${lock ? sql`FOR SHARE OF s, c` : sql``}`);
      const row = rows[0];
      if (!row) return null;
      const closed = isShortlisted(row) ? null : `This entry is ${row.status}; only shortlisted entries take new panel notes (the notes on it stay readable).`;
      return { type: 'submission', id: row.id, campaign: campaignOf(row), closed };
    },
  },
  // Read from the drafts table itself: the drafting module keeps drafts, the panel only annotates them,
  // whatever their status, so only the campaign's stage needs holding.
  draft: {
    missing: 'There is no such draft.',
    async load(db, id, lock) {
      const { rows } = await db.execute<CampaignColumns & { id: string }>(sql`
        SELECT d.id, c.id AS campaign_id, c.slug, c.stage, c.settings
        FROM drafts d JOIN campaigns c ON c.id = d.campaign_id WHERE d.id = ${id} ${lock ? sql`FOR SHARE OF c` : sql``}`);
      const row = rows[0];
      return row ? { type: 'draft', id: row.id, campaign: campaignOf(row), closed: null } : null;
    },
  },
};

async function panelTarget(db: Executor, viewer: PolicyViewer, type: PanelNoteTargetType, id: string, lock = false): Promise<NoteTarget> {
  if (!canSeePanelNotes(viewer)) throw forbidden("The panel's notes are for the panel only.");
  const target = await NOTE_TARGETS[type].load(db, id, lock);
  if (!target) throw notFound(NOTE_TARGETS[type].missing);
  return target;
}

const noteColumns = sql`n.id, n.target_type, n.target_id, n.parent_id, n.depth, n.body, n.created_at, u.display_name AS author_name, u.role AS author_role`;

/** The notes on a target, depth-first: each thread oldest first, every reply right after its parent. */
export async function listPanelNotes(db: Executor, viewer: PolicyViewer, type: PanelNoteTargetType, id: string): Promise<{ items: PanelNote[] }> {
  const target = await panelTarget(db, viewer, type, id);
  // Each note's path is its ancestors' (creation time, id) keys, of one fixed width, so that text order is thread order.
  const { rows } = await db.execute<PanelNoteRow>(sql`
    WITH RECURSIVE thread AS (
      SELECT n.id, n.parent_id, to_char(n.created_at AT TIME ZONE 'UTC', 'YYYYMMDDHH24MISSUS') || n.id::text AS path
      FROM panel_notes n WHERE n.target_type = ${target.type} AND n.target_id = ${target.id} AND n.parent_id IS NULL
      UNION ALL
      SELECT n.id, n.parent_id, t.path || to_char(n.created_at AT TIME ZONE 'UTC', 'YYYYMMDDHH24MISSUS') || n.id::text
      FROM panel_notes n JOIN thread t ON n.parent_id = t.id
    )
    SELECT ${noteColumns} FROM thread t JOIN panel_notes n ON n.id = t.id JOIN users u ON u.id = n.author_id
    ORDER BY t.path COLLATE "C"`);
  return { items: rows.map(toPanelNote) };
}

/** Under its parent one level deeper, or, under a deepest note, beside it (same parent, same depth). */
async function placeNote(tx: Executor, target: NoteTarget, parentId: string | undefined): Promise<{ parentId: string | null; depth: number }> {
  if (!parentId) return { parentId: null, depth: 1 };
  const { rows } = await tx.execute<{ id: string; parent_id: string | null; depth: number; target_type: string; target_id: string }>(sql`
    SELECT id, parent_id, depth, target_type, target_id FROM panel_notes WHERE id = ${parentId}`);
  const parent = rows[0];
  if (!parent || parent.target_type !== target.type || parent.target_id !== target.id) {
    throw new AppError('validation_failed', 400, `The note you answer is not on this ${target.type === 'draft' ? 'draft' : 'entry'}.`, {
      errors: [{ path: 'body.parentId', message: `not a note on this ${target.type === 'draft' ? 'draft' : 'entry'}` }],
    });
  }
  const depth = Number(parent.depth);
  return depth < PANEL_NOTE_MAX_DEPTH ? { parentId: parent.id, depth: depth + 1 } : { parentId: parent.parent_id, depth: PANEL_NOTE_MAX_DEPTH };
}

/** A panel member's note on a shortlisted entry or a draft, while the stage keeps notes. Never sent as an event or a notification. */
export async function createPanelNote(
  db: Database,
  author: Panelist,
  type: PanelNoteTargetType,
  id: string,
  input: z.output<typeof panelNoteCreateSchema>,
): Promise<PanelNote> {
  return db.transaction(async (tx) => {
    const target = await panelTarget(tx, author, type, id, true);
    assertStageAllows(target.campaign, 'keepPanelNotes');
    if (target.closed) throw conflict(target.closed);
    const placement = await placeNote(tx, target, input.parentId);
    const { rows } = await tx.execute<PanelNoteRow>(sql`
      WITH n AS (
        INSERT INTO panel_notes (campaign_id, target_type, target_id, parent_id, depth, author_id, body)
        VALUES (${target.campaign.id}, ${target.type}, ${target.id}, ${placement.parentId}, ${placement.depth}, ${author.id}, ${input.body})
        RETURNING *
      )
      SELECT ${noteColumns} FROM n JOIN users u ON u.id = n.author_id`);
    return toPanelNote(rows[0]!);
  });
}
