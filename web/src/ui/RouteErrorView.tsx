import { useRouteError } from 'react-router';
import { ErrorView } from './StateViews.tsx';

/** Shown when a page fails to render; the header and footer stay. */
export function RouteErrorView() {
  const error = useRouteError();
  console.error(error);
  return <ErrorView error={error} onRetry={() => window.location.reload()} retrying={false} />;
}
