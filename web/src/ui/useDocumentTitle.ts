import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets the tab title to "page · site"; without a page, to the site's name alone. */
export function useDocumentTitle(page?: string): void {
  const { t } = useTranslation();
  const title = page ? t('meta.pageTitle', { page }) : t('meta.siteTitle');
  useEffect(() => {
    document.title = title;
  }, [title]);
}
