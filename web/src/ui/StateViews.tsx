import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.ts';
import { useDocumentTitle } from './useDocumentTitle.ts';

export function LoadingView({ label }: { label: string }) {
  return (
    <div className="container state state--loading" aria-busy="true">
      <p className="state__status" role="status">
        <span className="spinner" aria-hidden="true" />
        {label}
      </p>
      <div className="skeleton" aria-hidden="true">
        <span className="skeleton__line skeleton__line--short" />
        <span className="skeleton__line skeleton__line--title" />
        <span className="skeleton__line" />
        <span className="skeleton__line skeleton__line--medium" />
        <span className="skeleton__cards">
          <span className="skeleton__card" />
          <span className="skeleton__card" />
        </span>
      </div>
    </div>
  );
}

type ErrorViewProps = { error: unknown; onRetry: () => void; retrying: boolean };

export function ErrorView({ error, onRetry, retrying }: ErrorViewProps) {
  const { t } = useTranslation();
  useDocumentTitle(t('error.heading'));
  const problem = isApiError(error) ? error.problem : undefined;
  const message = problem?.detail ?? (isApiError(error) && error.status === 0 ? t('error.network') : t('error.generic'));
  return (
    <StatePanel tone="error" heading={t('error.heading')}>
      <div role="alert">
        <p className="state__message">{message}</p>
        {problem && <p className="state__meta">{t('error.code', { code: problem.code })}</p>}
      </div>
      <button type="button" className="button" onClick={onRetry} disabled={retrying}>
        {retrying ? t('error.retrying') : t('error.retry')}
      </button>
    </StatePanel>
  );
}

export function EmptyView() {
  const { t } = useTranslation();
  useDocumentTitle();
  return (
    <StatePanel tone="empty" heading={t('empty.heading')}>
      <p className="state__message">{t('empty.text')}</p>
    </StatePanel>
  );
}

/** `children`: ways on besides the home page, such as a list to go back to. */
export function NotFoundView({ text, detail, children }: { text: string; detail?: string | undefined; children?: ReactNode }) {
  const { t } = useTranslation();
  useDocumentTitle(t('notFound.title'));
  return (
    <StatePanel tone="not-found" heading={t('notFound.heading')} eyebrow={t('notFound.status')}>
      <p className="state__message">{text}</p>
      {detail && <p className="state__meta">{detail}</p>}
      <p className="state__actions">
        <Link to="/" className="button">
          {t('notFound.home')}
        </Link>
        {children}
      </p>
    </StatePanel>
  );
}

type StatePanelProps = { tone: 'error' | 'empty' | 'not-found'; heading: string; eyebrow?: string; children: ReactNode };

function StatePanel({ tone, heading, eyebrow, children }: StatePanelProps) {
  return (
    <div className={`state state--${tone}`}>
      <div className="container state__inner">
        {eyebrow && <p className="state__eyebrow">{eyebrow}</p>}
        <h1 className="state__heading">{heading}</h1>
        {children}
      </div>
    </div>
  );
}
