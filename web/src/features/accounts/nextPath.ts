import { useSearchParams } from 'react-router';
import { z } from 'zod';

/** Only a path on this site: "/account" yes; "//elsewhere.example" and "https://…" never. */
const authSearchSchema = z.object({
  next: z
    .string()
    .regex(/^\/(?![/\\])/)
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

export function authPath(page: '/sign-in' | '/sign-up', next: string | undefined): string {
  return next ? `${page}?${new URLSearchParams({ next })}` : page;
}
