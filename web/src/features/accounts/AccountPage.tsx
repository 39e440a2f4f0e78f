import { useQuery } from '@tanstack/react-query';
import { Navigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { OwnUser } from '@city-spirit/shared';
import { districtListQuery, districtName } from '../../api/districts.ts';
import { sessionQuery } from '../../api/session.ts';
import { useLocaleFormat } from '../../i18n/format.ts';
import { currentLocale } from '../../i18n/index.ts';
import { SignOutButton } from '../../ui/SignOutButton.tsx';
import { ErrorView, LoadingView } from '../../ui/StateViews.tsx';
import { useDocumentTitle } from '../../ui/useDocumentTitle.ts';
import { DataSection } from './DataSection.tsx';
import { DeleteAccountSection } from './DeleteAccountSection.tsx';
import { LanguageSection } from './LanguageSection.tsx';
import { authPath } from './nextPath.ts';
import { formatPhone } from './phone.ts';
import { ProfileSection } from './ProfileSection.tsx';
import { VerifiedBadge } from './VerifiedBadge.tsx';
import { VerificationSection } from './VerificationSection.tsx';

/** Signed-out visitors are sent to sign in, and come back here afterwards. */
export function AccountPage() {
  const { t } = useTranslation();
  const session = useQuery(sessionQuery());
  if (session.data) {
    if (!session.data.user) return <Navigate to={authPath('/sign-in', '/account')} replace />;
    return <AccountView user={session.data.user} />;
  }
  if (session.isError) return <ErrorView error={session.error} onRetry={() => void session.refetch()} retrying={session.isFetching} />;
  return <LoadingView label={t('account.loading')} />;
}

function AccountView({ user }: { user: OwnUser }) {
  const { t } = useTranslation();
  useDocumentTitle(t('account.title'));
  return (
    <div className="account">
      <div className="page-header">
        <div className="container">
          <h1 className="page-header__title">{t('account.title')}</h1>
        </div>
      </div>
      <div className="container account__layout">
        <AccountSummary user={user} />
        <div className="account__sections">
          <ProfileSection user={user} />
          <LanguageSection />
          <VerificationSection user={user} />
          <DataSection />
          <DeleteAccountSection />
        </div>
      </div>
    </div>
  );
}

function AccountSummary({ user }: { user: OwnUser }) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const districts = useQuery(districtListQuery());
  const district = districts.data?.find((candidate) => candidate.code === user.districtCode);
  return (
    <section className="panel account-summary" aria-label={t('account.summaryLabel')}>
      <p className="account-summary__name">{user.displayName}</p>
      <p className="account-summary__badges">
        <span className="role-badge" data-role={user.role}>
          <span className="visually-hidden">{t('header.roleLabel')}</span>
          {t(`roles.${user.role}`)}
        </span>
        <VerifiedBadge verified={user.verified} />
      </p>
      <dl className="account-summary__facts">
        <div>
          <dt>{t('account.contact')}</dt>
          <dd>{user.email ?? (user.phone ? formatPhone(user.phone) : '—')}</dd>
        </div>
        <div>
          <dt>{t('account.district')}</dt>
          <dd>{district ? districtName(district, currentLocale()) : user.districtCode ? '…' : t('account.noDistrict')}</dd>
        </div>
        <div>
          <dt>{t('account.memberSince')}</dt>
          <dd>{format.date(user.createdAt)}</dd>
        </div>
      </dl>
      <div className="account-summary__sign-out">
        <p className="account-summary__hint">{t('account.signOutText')}</p>
        <SignOutButton className="button button--secondary" />
      </div>
    </section>
  );
}
