import { useMutation } from '@tanstack/react-query';
import { z } from 'zod';
import { sendJson } from '../../../api/client.ts';
import { replaceUser, userResponseSchema } from '../../../api/session.ts';

const codeSentSchema = z.object({ expiresInMinutes: z.number() });

/** Sends a 6-digit code by text message to the (normalised) mobile number. */
export function useRequestVerificationCode() {
  return useMutation({
    mutationFn: (phone: string, { client }) =>
      sendJson(client, { method: 'POST', path: '/api/auth/verification', body: { phone }, schema: codeSentSchema }),
  });
}

export function useConfirmVerificationCode() {
  return useMutation({
    mutationFn: (code: string, { client }) =>
      sendJson(client, { method: 'POST', path: '/api/auth/verification/confirm', body: { code }, schema: userResponseSchema }),
    onSuccess: ({ user }, _code, _result, { client }) => replaceUser(client, user),
  });
}
