import { diffChars } from 'diff';
import { sql } from 'drizzle-orm';
import type { DraftDiff, PolicyViewer, TextChange } from '@city-spirit/shared';
import type { Executor } from '../../db/client.ts';
import { notFound } from '../../errors.ts';
import { visibleDraft } from './listing.ts';

/** Character by character (code points, so no Chinese character is ever split): unchanged, added and removed runs. */
export function textChanges(from: string, to: string): TextChange[] {
  return diffChars(from, to).map((change) => ({
    value: change.value,
    ...(change.added && { added: true }),
    ...(change.removed && { removed: true }),
  }));
}

export async function draftDiff(db: Executor, viewer: PolicyViewer, id: string, from: number, to: number): Promise<DraftDiff> {
  await visibleDraft(db, id, viewer);
  const { rows } = await db.execute<{ number: number; text: string }>(sql`
    SELECT number, text FROM draft_versions WHERE draft_id = ${id} AND number IN (${from}, ${to})`);
  const textOf = (number: number) => {
    const version = rows.find((row) => Number(row.number) === number);
    if (!version) throw notFound(`This draft has no version ${number}.`);
    return version.text;
  };
  return { from, to, changes: textChanges(textOf(from), textOf(to)) };
}
