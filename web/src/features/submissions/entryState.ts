import { z } from 'zod';
import { similarPhraseSchema, type SimilarPhrase } from '@city-spirit/shared';
import { LOCAL_PATH } from '../../paths.ts';

/**
 * What a page passes on to an entry's page through the router's location state: the similar
 * entries the server found for a new submission, and the list to go back to (with its filters).
 */
const entryStateSchema = z.object({
  similar: z.array(similarPhraseSchema).optional().catch(undefined),
  backTo: z.string().regex(LOCAL_PATH).max(600).optional().catch(undefined),
});
export type EntryState = { similar?: SimilarPhrase[]; backTo?: string };

export const entryState = (state: EntryState): EntryState => state;

export function entryStateFrom(locationState: unknown): EntryState {
  const parsed = entryStateSchema.safeParse(locationState ?? {});
  return parsed.success ? parsed.data : {};
}
