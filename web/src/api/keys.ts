import type { SubmissionSort } from '@city-spirit/shared';

/** What a list of entries is narrowed to; part of its query key. */
export type SubmissionFilters = {
  sort: SubmissionSort;
  q?: string | undefined;
  districtCode?: string | undefined;
  author?: 'me' | undefined;
};

export const submissionKeys = {
  all: ['submissions'] as const,
  lists: () => ['submissions', 'list'] as const,
  list: (slug: string, filters: SubmissionFilters) => ['submissions', 'list', slug, filters] as const,
  detail: (id: string) => ['submissions', 'detail', id] as const,
  similar: (slug: string, text: string) => ['submissions', 'similar', slug, text] as const,
};

export const campaignPath = (slug: string) => `/api/campaigns/${encodeURIComponent(slug)}`;

/** Moderation's queries, shared by the console, the public log and the author's appeal (each a feature of its own). */
export const moderationKeys = {
  all: ['moderation'] as const,
  queue: (slug: string, kind: string) => ['moderation', 'queue', slug, kind] as const,
  queues: () => ['moderation', 'queue'] as const,
  log: (slug: string) => ['moderation', 'log', slug] as const,
  clusters: (slug: string) => ['moderation', 'clusters', slug] as const,
};
