import type { PanelNoteTargetType } from '@city-spirit/shared';

/** What a panel note hangs on: a shortlisted entry or a draft. */
export type NoteTarget = { type: PanelNoteTargetType; id: string };

export const notePath = (target: NoteTarget) => `/api/${target.type === 'draft' ? 'drafts' : 'submissions'}/${encodeURIComponent(target.id)}/notes`;
export const draftPath = (id: string) => `/api/drafts/${encodeURIComponent(id)}`;

/** The panel's queries; a draft's key is the prefix of its versions and diffs, so one invalidation reaches them all. */
export const panelKeys = {
  all: ['panel'] as const,
  criteria: (slug: string) => ['panel', 'criteria', slug] as const,
  assessments: (slug: string) => ['panel', 'assessments', slug] as const,
  notes: (target: NoteTarget) => ['panel', 'notes', target.type, target.id] as const,
  drafts: (slug: string) => ['panel', 'drafts', slug] as const,
  draft: (id: string) => ['panel', 'draft', id] as const,
  versions: (id: string) => ['panel', 'draft', id, 'versions'] as const,
  diff: (id: string, from: number, to: number) => ['panel', 'draft', id, 'diff', from, to] as const,
};
