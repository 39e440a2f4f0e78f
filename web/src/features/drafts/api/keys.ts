export const draftKeys = {
  all: ['drafts'] as const,
  list: (slug: string) => ['drafts', 'list', slug] as const,
};

export const draftPath = (id: string) => `/api/drafts/${encodeURIComponent(id)}`;
