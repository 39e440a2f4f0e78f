import { useMutation } from '@tanstack/react-query';
import { appealCreatedSchema, type appealCreateSchema } from '@city-spirit/shared';
import type { z } from 'zod';
import { sendJson } from '../../../api/client.ts';
import { moderationKeys } from '../../../api/keys.ts';

export type AppealCreate = z.input<typeof appealCreateSchema>;

/** The author asks the moderators to look again at the decision that hid or rejected their contribution. */
export function useCreateAppeal() {
  return useMutation({
    mutationFn: (appeal: AppealCreate, { client }) => sendJson(client, { method: 'POST', path: '/api/moderation/appeals', body: appeal, schema: appealCreatedSchema }),
    onSuccess: (_created, _appeal, _result, { client }) => void client.invalidateQueries({ queryKey: moderationKeys.queues() }),
  });
}
