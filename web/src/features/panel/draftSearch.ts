/** The workspace's address of one draft (`?draft=<id>`), within the panel page. */
export const draftSearch = (id: string) => `?${new URLSearchParams({ draft: id })}`;
