/** The addresses of the app's pages, built in one place so links and routes agree. */
export const paths = {
  home: '/',
  campaign: (slug: string) => `/campaigns/${encodeURIComponent(slug)}`,
  submit: (slug: string) => `/campaigns/${encodeURIComponent(slug)}/submit`,
  entries: (slug: string, search?: URLSearchParams) => {
    const query = search?.toString();
    return `/campaigns/${encodeURIComponent(slug)}/entries${query ? `?${query}` : ''}`;
  },
  myEntries: (slug: string) => paths.entries(slug, new URLSearchParams({ author: 'me' })),
  compare: (slug: string) => `/campaigns/${encodeURIComponent(slug)}/compare`,
  ranking: (slug: string) => `/campaigns/${encodeURIComponent(slug)}/ranking`,
  shortlist: (slug: string) => `/campaigns/${encodeURIComponent(slug)}/shortlist`,
  entry: (id: string) => `/entries/${encodeURIComponent(id)}`,
  notifications: '/notifications',
  moderation: '/moderation',
  moderationLog: (slug: string) => `/campaigns/${encodeURIComponent(slug)}/moderation-log`,
  panel: (slug: string) => `/campaigns/${encodeURIComponent(slug)}/panel`,
  drafts: (slug: string) => `/campaigns/${encodeURIComponent(slug)}/drafts`,
  result: (slug: string) => `/campaigns/${encodeURIComponent(slug)}/result`,
  insights: (slug: string) => `/campaigns/${encodeURIComponent(slug)}/insights`,
  privacy: '/privacy',
  account: '/account',
  openData: (slug?: string) => (slug ? `/open-data?${new URLSearchParams({ campaign: slug })}` : '/open-data'),
};

/** The sign-in or sign-up page, coming back to `next` afterwards. */
export function authPath(page: '/sign-in' | '/sign-up', next: string | undefined): string {
  return next ? `${page}?${new URLSearchParams({ next })}` : page;
}

/** Only a path on this site: "/account" yes; "//elsewhere.example" and "https://…" never. */
export const LOCAL_PATH = /^\/(?![/\\])/;
