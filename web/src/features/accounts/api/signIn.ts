import { useMutation } from '@tanstack/react-query';
import { sessionResponseSchema, type loginSchema } from '@city-spirit/shared';
import type { z } from 'zod';
import { sendJson } from '../../../api/client.ts';
import { startSession, updateProfile } from '../../../api/session.ts';
import { chooseLocale, chosenLocale } from '../../../i18n/index.ts';

export type SignInInput = z.output<typeof loginSchema>;

export function useSignIn() {
  return useMutation({
    mutationFn: (input: SignInInput, { client }) =>
      sendJson(client, { method: 'POST', path: '/api/auth/login', body: input, schema: sessionResponseSchema }),
    onSuccess: (session, _input, _result, { client }) => {
      startSession(client, session);
      // A language chosen on this device is the latest choice, and becomes the account's;
      // on a device without one, the account's language is taken up.
      const chosen = chosenLocale();
      if (!chosen) chooseLocale(session.user.locale);
      else if (chosen !== session.user.locale) updateProfile(client, { locale: chosen }).catch(() => undefined);
    },
  });
}
