import { useEffect } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { campaignEventSchemas, type CampaignEventData, type CampaignEventType } from '@city-spirit/shared';
import { campaignKeys, useCurrentCampaign } from '../api/campaigns.ts';
import { useSession } from '../api/session.ts';
import { applyCommentChanged, applyCommentCreated } from '../features/discussion/api/cache.ts';
import { applyNotificationEvent } from '../features/notifications/api/events.ts';
import { markDraftsStale, setLiveDraftVoteCount } from '../features/drafts/api/liveUpdates.ts';
import { markInsightsStale } from '../features/insights/api/liveUpdates.ts';
import { resultKeys } from '../features/result/api/keys.ts';
import { countNewComment, markListsStale, recountComments, setLiveVoteCount } from '../features/submissions/api/liveUpdates.ts';

type Appliers = { [Type in CampaignEventType]: (client: QueryClient, data: CampaignEventData<Type>) => void };

/** What each live event changes in the cache: only what it is about, nothing read again wholesale. */
const APPLY: Appliers = {
  'submission.created': (client) => markListsStale(client),
  'submission.votes': (client, { id, voteCount }) => setLiveVoteCount(client, id, voteCount),
  'comment.created': (client, event) => {
    applyCommentCreated(client, event);
    if (event.targetType === 'submission') countNewComment(client, event.targetId);
    else markDraftsStale(client);
  },
  'comment.changed': (client, event) => {
    applyCommentChanged(client, event);
    if (event.targetType === 'submission') recountComments(client, event.targetId);
    else markDraftsStale(client);
  },
  'stage.changed': (client) => {
    void client.invalidateQueries({ queryKey: campaignKeys.all });
    // Voting on drafts opens or closes with the stage, and the result appears with "announced".
    markDraftsStale(client);
    void client.invalidateQueries({ queryKey: resultKeys.all });
    // Everyone who took part is notified of it, without an event of their own.
    applyNotificationEvent(client);
  },
  notification: (client) => applyNotificationEvent(client),
  'draft.votes': (client, { id, voteCount }) => setLiveDraftVoteCount(client, id, voteCount),
  'draft.published': (client) => markDraftsStale(client),
};

/** Every event but a person's own notification changes what the insights count. */
const changesInsights = (type: CampaignEventType) => type !== 'notification';

/** Events already applied, so that one sent again after a reconnection does not count twice. */
const REMEMBERED_EVENTS = 500;

/**
 * One live connection per tab to the current campaign's events, opened again for a new session (the
 * stream tells each person of their own notifications). EventSource reconnects by itself and
 * resumes with Last-Event-ID; where it gives up, a new one resumes from the last event applied.
 */
export function useCampaignEvents(): void {
  const client = useQueryClient();
  const slug = useCurrentCampaign()?.slug;
  const { user } = useSession();
  const viewer = user === undefined ? undefined : (user?.id ?? null);

  useEffect(() => {
    if (!slug || viewer === undefined || typeof EventSource === 'undefined') return;
    const applied = new Set<string>();
    let source: EventSource | null = null;
    let lastEventId: string | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let retryDelay = 2_000;
    const listen = <Type extends CampaignEventType>(events: EventSource, type: Type) => {
      events.addEventListener(type, (event: MessageEvent<string>) => {
        retryDelay = 2_000;
        if (event.lastEventId) {
          lastEventId = event.lastEventId;
          if (applied.has(event.lastEventId)) return;
          applied.add(event.lastEventId);
          if (applied.size > REMEMBERED_EVENTS) applied.delete(applied.values().next().value!);
        }
        let data: unknown;
        try {
          data = JSON.parse(event.data);
        } catch {
          return;
        }
        const parsed = campaignEventSchemas[type].safeParse(data);
        if (!parsed.success) return;
        APPLY[type](client, parsed.data as CampaignEventData<Type>);
        if (changesInsights(type)) markInsightsStale(client);
      });
    };
    const open = () => {
      const resume = lastEventId ? `?lastEventId=${encodeURIComponent(lastEventId)}` : '';
      const events = new EventSource(`/api/campaigns/${encodeURIComponent(slug)}/events${resume}`);
      for (const type of Object.keys(APPLY) as CampaignEventType[]) listen(events, type);
      // EventSource retries a dropped stream by itself, but gives up for good after an answer that is
      // not a stream (a 503 while the database restarts, a 429): open a new one, a little later each time.
      events.addEventListener('error', () => {
        if (events.readyState !== EventSource.CLOSED) return;
        retryTimer = setTimeout(open, retryDelay);
        retryDelay = Math.min(retryDelay * 2, 60_000);
      });
      source = events;
    };
    open();
    return () => {
      clearTimeout(retryTimer);
      source?.close();
    };
  }, [client, slug, viewer]);
}
