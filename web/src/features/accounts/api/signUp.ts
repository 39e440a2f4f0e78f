import { useMutation } from '@tanstack/react-query';
import { sessionResponseSchema, type registerSchema } from '@city-spirit/shared';
import type { z } from 'zod';
import { sendJson } from '../../../api/client.ts';
import { startSession } from '../../../api/session.ts';

/** What the sign-up form sends: the register schema's output (email lower-cased, phone as +86…). */
export type SignUpInput = z.output<typeof registerSchema>;

export function useSignUp() {
  return useMutation({
    mutationFn: (input: SignUpInput, { client }) =>
      sendJson(client, { method: 'POST', path: '/api/auth/register', body: input, schema: sessionResponseSchema }),
    onSuccess: (session, _input, _result, { client }) => startSession(client, session),
  });
}
