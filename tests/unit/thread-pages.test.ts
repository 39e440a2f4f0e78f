import { describe, expect, it } from 'vitest';
import type { Comment } from '@city-spirit/shared';
import { uniqueComments } from '../../web/src/features/discussion/api/cache.ts';

const comment = (id: string) => ({ id }) as Comment;

describe('the pages of a thread', () => {
  it('show a comment once when it was placed on the first page and comes again on a later one', () => {
    const pages = [{ items: [comment('mine'), comment('a'), comment('b')] }, { items: [comment('c'), comment('mine'), comment('d')] }];
    expect(uniqueComments(pages).map((c) => c.id)).toEqual(['mine', 'a', 'b', 'c', 'd']);
    expect(uniqueComments(undefined)).toEqual([]);
  });
});
