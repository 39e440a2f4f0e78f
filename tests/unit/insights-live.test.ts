import { afterEach, describe, expect, it, vi } from 'vitest';
import type { QueryClient } from '@tanstack/react-query';
import { INSIGHTS_REFRESH_MS, markInsightsStale } from '../../web/src/features/insights/api/liveUpdates.ts';

const fakeClient = () => {
  const invalidateQueries = vi.fn(() => Promise.resolve());
  return { client: { invalidateQueries } as unknown as QueryClient, invalidateQueries };
};

describe('the insights under live events', () => {
  afterEach(() => vi.useRealTimers());

  it('are read again once for a burst of events, and again for the next burst', () => {
    vi.useFakeTimers();
    const { client, invalidateQueries } = fakeClient();
    for (let i = 0; i < 300; i++) markInsightsStale(client);
    expect(invalidateQueries).not.toHaveBeenCalled();
    vi.advanceTimersByTime(INSIGHTS_REFRESH_MS);
    expect(invalidateQueries).toHaveBeenCalledTimes(1);
    expect(invalidateQueries).toHaveBeenCalledWith({ queryKey: ['insights'] });
    markInsightsStale(client);
    vi.advanceTimersByTime(INSIGHTS_REFRESH_MS);
    expect(invalidateQueries).toHaveBeenCalledTimes(2);
  });

  it('keep each query client apart', () => {
    vi.useFakeTimers();
    const first = fakeClient();
    const second = fakeClient();
    markInsightsStale(first.client);
    markInsightsStale(second.client);
    vi.advanceTimersByTime(INSIGHTS_REFRESH_MS);
    expect(first.invalidateQueries).toHaveBeenCalledTimes(1);
    expect(second.invalidateQueries).toHaveBeenCalledTimes(1);
  });
});
