export const insightsKeys = {
  all: ['insights'] as const,
  stats: (slug: string) => ['insights', 'stats', slug] as const,
  consensus: (slug: string) => ['insights', 'consensus', slug] as const,
};
