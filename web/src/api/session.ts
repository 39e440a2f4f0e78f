import { useMutation, useQuery, type QueryClient } from '@tanstack/react-query';
import { ownUserSchema, type OwnUser, type profileUpdateSchema } from '@city-spirit/shared';
import { z } from 'zod';
import { sendJson, sessionQuery } from './client.ts';

export { sessionQuery };

/** The signed-in user: `null` when signed out, `undefined` while that is not known yet. */
export function useSession(): { user: OwnUser | null | undefined } {
  return { user: useQuery(sessionQuery()).data?.user };
}

/** After signing in or up: the new session's user and token replace the old ones. */
export function startSession(client: QueryClient, session: { user: OwnUser; csrfToken: string }): void {
  client.setQueryData(sessionQuery().queryKey, session);
}

/** After signing out or deleting the account: nobody is signed in; a fresh anonymous token follows. */
export function endSession(client: QueryClient): void {
  client.setQueryData(sessionQuery().queryKey, (session) => (session ? { ...session, user: null } : session));
  void client.invalidateQueries({ queryKey: sessionQuery().queryKey });
}

/** After a change to the account that the server answered with the account as it is now. */
export function replaceUser(client: QueryClient, user: OwnUser): void {
  client.setQueryData(sessionQuery().queryKey, (session) => (session ? { ...session, user } : session));
}

export const userResponseSchema = z.object({ user: ownUserSchema });

/** `leave` runs before the session ends, so pages for signed-in users are gone before they could redirect. */
export function useSignOut(leave: () => Promise<void> | void) {
  return useMutation({
    mutationFn: (_: void, { client }) => sendJson(client, { method: 'POST', path: '/api/auth/logout' }),
    onSuccess: async (_data, _variables, _result, { client }) => {
      await leave();
      endSession(client);
    },
  });
}

export type ProfileChanges = z.input<typeof profileUpdateSchema>;

export async function updateProfile(client: QueryClient, changes: ProfileChanges): Promise<OwnUser> {
  const { user } = await sendJson(client, { method: 'PATCH', path: '/api/me', body: changes, schema: userResponseSchema });
  replaceUser(client, user);
  return user;
}

export function useUpdateProfile() {
  return useMutation({ mutationFn: (changes: ProfileChanges, { client }) => updateProfile(client, changes) });
}
