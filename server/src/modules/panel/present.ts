import type { AssessmentSummary, Criterion, PanelNote, PanelNoteTargetType, Role } from '@city-spirit/shared';

const iso = (time: string) => new Date(time).toISOString();

type CriterionFigures = AssessmentSummary['criteria'][string];

/** One shortlisted entry's assessments as the summary query aggregates them (json columns arrive parsed). */
export type SummaryRow = {
  id: string;
  phrase: string;
  experts: number;
  criteria: Record<string, CriterionFigures> | null;
  mine: { scores: Record<string, number>; note: string | null; updatedAt: string } | null;
  notes: { displayName: string; note: string; updatedAt: string }[] | null;
};

const NO_FIGURES: CriterionFigures = { mean: null, spread: null, min: null, max: null };

const mean = (values: number[]) => (values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : null);

/** Figures for every criterion of the campaign, in its order; a key it no longer has is left out. */
export function toAssessmentSummary(row: SummaryRow, criteria: readonly Criterion[]): AssessmentSummary {
  const keys = criteria.map((criterion) => criterion.key);
  // Own keys only: a criterion may be named like an inherited property (constructor, toString).
  const figures = Object.fromEntries(keys.map((key) => [key, (row.criteria && Object.hasOwn(row.criteria, key) ? row.criteria[key] : undefined) ?? NO_FIGURES]));
  const means = Object.fromEntries(keys.map((key) => [key, figures[key]!.mean]));
  const scored = Object.values(means).filter((value): value is number => value !== null);
  return {
    submissionId: row.id,
    phrase: row.phrase,
    experts: Number(row.experts),
    means,
    criteria: figures,
    overall: mean(scored),
    mine: row.mine
      ? {
          scores: Object.fromEntries(keys.filter((key) => Object.hasOwn(row.mine!.scores, key)).map((key) => [key, row.mine!.scores[key]!])),
          note: row.mine.note,
          updatedAt: iso(row.mine.updatedAt),
        }
      : null,
    notes: (row.notes ?? []).map((note) => ({ expert: { displayName: note.displayName }, note: note.note, updatedAt: iso(note.updatedAt) })),
  };
}

/** Best overall first, unscored last; a stable sort keeps the shortlist's order among equals. */
export const byOverall = (a: AssessmentSummary, b: AssessmentSummary): number => (b.overall ?? -1) - (a.overall ?? -1);

/** A panel note with its author, as the notes queries select it. */
export type PanelNoteRow = {
  id: string;
  target_type: PanelNoteTargetType;
  target_id: string;
  parent_id: string | null;
  depth: number;
  body: string;
  author_name: string;
  author_role: Role;
  created_at: string;
};

// An erased account's notes stay, under the anonymous name its row now carries.
export const toPanelNote = (row: PanelNoteRow): PanelNote => ({
  id: row.id,
  targetType: row.target_type,
  targetId: row.target_id,
  parentId: row.parent_id,
  depth: Number(row.depth),
  body: row.body,
  author: { displayName: row.author_name, role: row.author_role },
  createdAt: iso(row.created_at),
});
