import { useEffect, useRef, type ReactNode } from 'react';
import { Outlet, ScrollRestoration, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { SiteHeader } from './SiteHeader.tsx';
import { SiteFooter } from './SiteFooter.tsx';
import { useNotice } from './notices.ts';

/** `accountSlot`: what the app adds beside the signed-in resident's name (the notification bell). */
export function Layout({ accountSlot }: { accountSlot?: ReactNode }) {
  const { t } = useTranslation();
  const mainRef = useFocusMainAfterNavigation();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('skipLink')}
      </a>
      <SiteHeader accountSlot={accountSlot} />
      <main id="main" ref={mainRef} tabIndex={-1}>
        <FlashNotice />
        <Outlet />
      </main>
      <SiteFooter />
      <ScrollRestoration />
    </>
  );
}

/** After moving to another page, start screen readers and keyboards at its content, as a full page load would. */
function useFocusMainAfterNavigation() {
  const { pathname } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const shownPathname = useRef(pathname);
  useEffect(() => {
    if (shownPathname.current === pathname) return;
    shownPathname.current = pathname;
    mainRef.current?.focus({ preventScroll: true });
  }, [pathname]);
  return mainRef;
}

/** A message left by the previous page ("you have signed out"); the live region stays so it is announced. */
function FlashNotice() {
  const { t } = useTranslation();
  const notice = useNotice();
  return (
    <div className={notice ? 'container flash' : undefined} role="status">
      {notice && <p className="flash__text">{t(`notices.${notice}`)}</p>}
    </div>
  );
}
