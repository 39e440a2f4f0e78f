import { useTranslation } from 'react-i18next';
import { NotFoundView } from '../../ui/StateViews.tsx';

export function NotFoundPage() {
  const { t } = useTranslation();
  return <NotFoundView text={t('notFound.text')} />;
}
