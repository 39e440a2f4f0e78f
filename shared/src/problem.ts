import { z } from 'zod';

export const ERROR_CODES = [
  'validation_failed',
  'not_found',
  'unauthenticated',
  'forbidden',
  'csrf_failed',
  'stage_closed',
  'duplicate_submission',
  'vote_limit_reached',
  'rate_limited',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'request_timeout',
  'unavailable',
  'internal_error',
] as const;
export const errorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

/** RFC 9457 problem details, as every error of the API is sent. */
export const problemSchema = z
  .looseObject({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: errorCodeSchema,
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof problemSchema>;
