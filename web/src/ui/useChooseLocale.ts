import { useCallback } from 'react';
import type { Locale } from '@city-spirit/shared';
import { useSession, useUpdateProfile } from '../api/session.ts';
import { chooseLocale } from '../i18n/index.ts';

/** Switches the interface language and, for a signed-in user, the account's language with it. */
export function useChooseLocale(): (locale: Locale) => void {
  const { user } = useSession();
  const { mutate: updateProfile } = useUpdateProfile();
  return useCallback(
    (locale: Locale) => {
      chooseLocale(locale);
      if (user && user.locale !== locale) updateProfile({ locale });
    },
    [user, updateProfile],
  );
}
