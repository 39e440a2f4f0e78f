import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../ui/useDocumentTitle.ts';

type Props = { title: string; intro: string; children: ReactNode; switchLine: ReactNode };

/** The frame of the sign-in and sign-up pages: the form in a panel, what an account is for beside it. */
export function AuthFrame({ title, intro, children, switchLine }: Props) {
  const { t } = useTranslation();
  useDocumentTitle(title);
  return (
    <div className="auth">
      <div className="container auth__inner">
        <div className="panel auth__panel">
          <h1 className="auth__title">{title}</h1>
          <p className="auth__intro">{intro}</p>
          {children}
          <p className="auth__switch">{switchLine}</p>
        </div>
        <aside className="auth__aside" aria-labelledby="auth-benefits-heading">
          <h2 id="auth-benefits-heading" className="auth__aside-heading">
            {t('auth.benefitsHeading')}
          </h2>
          <ul className="auth__benefits">
            {t('auth.benefits', { returnObjects: true }).map((benefit) => (
              <li key={benefit}>{benefit}</li>
            ))}
          </ul>
          <p className="auth__privacy">{t('auth.privacy')}</p>
        </aside>
      </div>
    </div>
  );
}
