import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.ts';
import { useLocaleFormat } from '../i18n/format.ts';

/**
 * A failed request in the reader's language. Forms map the cases they expect (wrong password, a
 * taken address) themselves; this covers what any request can meet, and otherwise falls back to
 * the server's own explanation, which is in English.
 */
export function useProblemMessage(): (error: unknown) => string {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  return useCallback(
    (error: unknown) => {
      if (!isApiError(error)) return t('problems.generic');
      if (error.status === 0) return t('problems.network');
      const { problem } = error;
      if (!problem) return t('problems.generic');
      switch (problem.code) {
        case 'rate_limited':
          return error.retryAfterSeconds
            ? t('problems.rateLimitedWait', { wait: format.duration(error.retryAfterSeconds) })
            : t('problems.rateLimited');
        case 'csrf_failed':
          return t('problems.csrf');
        case 'unauthenticated':
          return t('problems.unauthenticated');
        case 'forbidden':
          return t('problems.forbidden');
        case 'unavailable':
        case 'internal_error':
          return t('problems.generic');
        default:
          return problem.detail;
      }
    },
    [t, format],
  );
}
