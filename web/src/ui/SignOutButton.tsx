import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSignOut } from '../api/session.ts';
import { noticeState } from './notices.ts';

/** Signs out and goes to the home page, which says so. */
export function SignOutButton({ className }: { className: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  // flushSync: the home page must be on screen before the session ends, or a page for signed-in
  // users (still rendered while a transition is pending) would redirect to sign-in first.
  const signOut = useSignOut(() => navigate('/', { state: noticeState('signedOut'), flushSync: true }));
  return (
    <>
      <button type="button" className={className} onClick={() => signOut.mutate()} disabled={signOut.isPending}>
        {signOut.isPending ? t('header.signingOut') : t('header.signOut')}
      </button>
      {signOut.isError && (
        <span className="sign-out-error" role="alert">
          {t('header.signOutFailed')}
        </span>
      )}
    </>
  );
}
