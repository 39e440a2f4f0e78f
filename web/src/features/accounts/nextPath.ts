import { useSearchParams } from 'react-router';
import { z } from 'zod';
import { LOCAL_PATH } from '../../paths.ts';

export { authPath } from '../../paths.ts';

const authSearchSchema = z.object({
  next: z
    .string()
    .regex(LOCAL_PATH)
    .max(500)
    .optional()
    .catch(undefined),
});

/** Where to go after signing in or up (`?next=`), checked so it cannot lead off the site. */
export function useNextPath(): string | undefined {
  const [searchParams] = useSearchParams();
  return authSearchSchema.parse(Object.fromEntries(searchParams)).next;
}

export const AFTER_SIGN_IN = '/account';
