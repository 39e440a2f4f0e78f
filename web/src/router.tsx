import { createBrowserRouter } from 'react-router';
import { RouteErrorView } from './ui/RouteErrorView.tsx';
import { HomePage } from './features/campaign/HomePage.tsx';
import { CampaignPage } from './features/campaign/CampaignPage.tsx';
import { NotFoundPage } from './features/not-found/NotFoundPage.tsx';
import { SignInPage } from './features/accounts/SignInPage.tsx';
import { SignUpPage } from './features/accounts/SignUpPage.tsx';
import { AccountPage } from './features/accounts/AccountPage.tsx';
import { SubmitPage } from './features/submissions/SubmitPage.tsx';
import { ComparePage } from './features/votes/ComparePage.tsx';
import { RankingPage } from './features/votes/RankingPage.tsx';
import { ShortlistPage } from './features/shortlist/ShortlistPage.tsx';
import { NotificationsPage } from './features/notifications/NotificationsPage.tsx';
import { ModerationPage } from './features/moderation/ModerationPage.tsx';
import { ModerationLogPage } from './features/moderation-log/ModerationLogPage.tsx';
import { PanelPage } from './features/panel/PanelPage.tsx';
import { AppLayout } from './routes/AppLayout.tsx';
import { BrowseRoute } from './routes/BrowseRoute.tsx';
import { EntryRoute } from './routes/EntryRoute.tsx';
import { DraftsRoute } from './routes/DraftsRoute.tsx';
import { ResultPage } from './features/result/ResultPage.tsx';
import { OpenDataPage } from './features/open-data/OpenDataPage.tsx';
import { PrivacyPage } from './features/privacy/PrivacyPage.tsx';

export const router = createBrowserRouter([
  {
    Component: AppLayout,
    children: [
      {
        ErrorBoundary: RouteErrorView,
        children: [
          { index: true, Component: HomePage },
          { path: 'campaigns/:slug', Component: CampaignPage },
          { path: 'campaigns/:slug/submit', Component: SubmitPage },
          { path: 'campaigns/:slug/entries', Component: BrowseRoute },
          { path: 'campaigns/:slug/compare', Component: ComparePage },
          { path: 'campaigns/:slug/ranking', Component: RankingPage },
          { path: 'campaigns/:slug/shortlist', Component: ShortlistPage },
          { path: 'campaigns/:slug/moderation-log', Component: ModerationLogPage },
          { path: 'campaigns/:slug/panel', Component: PanelPage },
          { path: 'entries/:id', Component: EntryRoute },
          { path: 'sign-in', Component: SignInPage },
          { path: 'sign-up', Component: SignUpPage },
          { path: 'account', Component: AccountPage },
          { path: 'notifications', Component: NotificationsPage },
          { path: 'moderation', Component: ModerationPage },
          { path: 'campaigns/:slug/drafts', Component: DraftsRoute },
          { path: 'campaigns/:slug/result', Component: ResultPage },
          { path: 'open-data', Component: OpenDataPage },
          { path: 'privacy', Component: PrivacyPage },
          // ECharts is large: the dashboard and everything it draws with load only when it is opened.
          { path: 'campaigns/:slug/insights', lazy: async () => ({ Component: (await import('./features/insights/InsightsPage.tsx')).InsightsPage }) },
          { path: '*', Component: NotFoundPage },
        ],
      },
    ],
  },
]);
