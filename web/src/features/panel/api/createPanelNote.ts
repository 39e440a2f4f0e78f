import { useMutation } from '@tanstack/react-query';
import { sendJson } from '../../../api/client.ts';
import { notePath, panelKeys, type NoteTarget } from './keys.ts';

type Variables = { body: string; parentId?: string | undefined };

/** A note, or a reply to one, kept among the panel; the thread is read again. */
export function useCreatePanelNote(target: NoteTarget) {
  return useMutation({
    mutationFn: (note: Variables, { client }) => sendJson(client, { method: 'POST', path: notePath(target), body: note }),
    onSuccess: (_data, _note, _result, { client }) => client.invalidateQueries({ queryKey: panelKeys.notes(target) }),
  });
}
