export const resultKeys = {
  all: ['result'] as const,
  detail: (slug: string) => ['result', slug] as const,
  diff: (draftId: string, from: number, to: number) => ['result', 'diff', draftId, from, to] as const,
};
