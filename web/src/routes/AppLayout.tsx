import { Layout } from '../ui/Layout.tsx';
import { NotificationBell } from '../features/notifications/NotificationBell.tsx';
import { useCampaignEvents } from './useCampaignEvents.ts';

/** The site's frame with what features add to it: the notification bell, and the live events of the campaign. */
export function AppLayout() {
  useCampaignEvents();
  return <Layout accountSlot={<NotificationBell />} />;
}
