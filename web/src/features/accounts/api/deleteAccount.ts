import { useMutation } from '@tanstack/react-query';
import { sendJson } from '../../../api/client.ts';
import { endSession } from '../../../api/session.ts';

/** `leave` runs before the session ends, so pages for signed-in users are gone before they could redirect. */
export function useDeleteAccount(leave: () => Promise<void> | void) {
  return useMutation({
    mutationFn: (_: void, { client }) => sendJson(client, { method: 'DELETE', path: '/api/me' }),
    onSuccess: async (_data, _variables, _result, { client }) => {
      await leave();
      endSession(client);
    },
  });
}
