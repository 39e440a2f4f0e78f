import { queryOptions, useQuery } from '@tanstack/react-query';
import { panelNoteListSchema } from '@city-spirit/shared';
import { getJson } from '../../../api/client.ts';
import { notePath, panelKeys, type NoteTarget } from './keys.ts';

export function panelNotesQuery(target: NoteTarget) {
  return queryOptions({
    queryKey: panelKeys.notes(target),
    queryFn: ({ signal }) => getJson(notePath(target), panelNoteListSchema, signal),
  });
}

/** The panel's private notes on an entry or a draft, oldest first, replies after their parent. */
export const usePanelNotes = (target: NoteTarget) => useQuery(panelNotesQuery(target));
