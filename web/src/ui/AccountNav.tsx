import type { ReactNode } from 'react';
import { NavLink, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isStaff, type OwnUser } from '@city-spirit/shared';
import { useCurrentCampaign } from '../api/campaigns.ts';
import { paths } from '../paths.ts';
import { useSession } from '../api/session.ts';
import { SignOutButton } from './SignOutButton.tsx';

const AUTH_PATHS = ['/sign-in', '/sign-up'];

/** Sign in and sign up, or who is signed in, with their role and a way out; `slot` comes first for the signed in. */
export function AccountNav({ slot }: { slot?: ReactNode }) {
  const { t } = useTranslation();
  const { user } = useSession();
  // Until the session is known, keep the place empty rather than offer the wrong links.
  if (user === undefined) return <div className="account-nav" />;
  return (
    <nav className="account-nav" aria-label={t('header.accountNavLabel')}>
      {user ? <SignedInLinks user={user} slot={slot} /> : <SignedOutLinks />}
    </nav>
  );
}

function SignedOutLinks() {
  const { t } = useTranslation();
  const { pathname, search } = useLocation();
  // From a page other than the home page, signing in comes back to it.
  const next = pathname === '/' || AUTH_PATHS.includes(pathname) ? '' : `?${new URLSearchParams({ next: pathname + search })}`;
  return (
    <ul className="account-nav__list">
      <li>
        <NavLink to={`/sign-in${next}`} className="account-nav__link">
          {t('header.signIn')}
        </NavLink>
      </li>
      <li>
        <NavLink to={`/sign-up${next}`} className="account-nav__link account-nav__link--primary">
          {t('header.signUp')}
        </NavLink>
      </li>
    </ul>
  );
}

function SignedInLinks({ user, slot }: { user: OwnUser; slot: ReactNode }) {
  const { t } = useTranslation();
  const campaign = useCurrentCampaign();
  return (
    <ul className="account-nav__list">
      {slot && <li className="account-nav__slot">{slot}</li>}
      <li className="account-nav__user">
        <NavLink to="/account" className="account-nav__link account-nav__name">
          <UserIcon />
          <span className="account-nav__name-text">{user.displayName}</span>
        </NavLink>
        {isStaff(user) ? (
          // For moderators and admins the role is the way into the moderation console.
          <NavLink to={paths.moderation} className="role-badge role-badge--on-dark role-badge--link" data-role={user.role}>
            {t(`header.roleEntries.${user.role as 'moderator' | 'admin'}`)}
          </NavLink>
        ) : user.role === 'expert' && campaign ? (
          // For experts the role is the way into the campaign's panel workspace.
          <NavLink to={paths.panel(campaign.slug)} className="role-badge role-badge--on-dark role-badge--link" data-role={user.role}>
            {t('header.roleEntries.expert')}
          </NavLink>
        ) : (
          user.role !== 'resident' && (
            <span className="role-badge role-badge--on-dark" data-role={user.role}>
              <span className="visually-hidden">{t('header.roleLabel')}</span>
              {t(`header.roleEntries.${user.role}`)}
            </span>
          )
        )}
      </li>
      <li>
        <SignOutButton className="account-nav__link account-nav__button" />
      </li>
    </ul>
  );
}

function UserIcon() {
  return (
    <svg className="account-nav__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <circle cx="12" cy="8.5" r="4" />
      <path d="M4 20.5c1.3-4 4.4-6 8-6s6.7 2 8 6" />
    </svg>
  );
}
