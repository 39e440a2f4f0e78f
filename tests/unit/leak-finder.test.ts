import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { finder } from '../helpers/response-watch.ts';

// The response watcher's finder must see exactly what searching the body for each needle would.
const naive = (needles: string[], text: string) => [...new Set(needles.filter((needle) => text.includes(needle)))].sort();

describe("the response watcher's finder", () => {
  it('finds contacts and tokens in bodies as includes() would', () => {
    const email = fc.tuple(fc.stringMatching(/^[a-z0-9._+-]{1,8}$/), fc.stringMatching(/^[a-z0-9.-]{1,8}$/)).map(([local, domain]) => `${local}@${domain}`);
    const phone = fc.stringMatching(/^\+?[0-9]{4,14}$/);
    const token = fc.stringMatching(/^[A-Za-z0-9_-]{18,44}$/);
    const needle = fc.oneof(email, phone, token, fc.string({ minLength: 1, maxLength: 6 }));
    fc.assert(
      fc.property(fc.array(needle, { minLength: 1, maxLength: 8 }), fc.array(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('"', '@', '+', ' ', '-', '1')), { maxLength: 10 }), (needles, filler) => {
        // Bodies built from the needles themselves and filler around them, so that hits are common.
        const text = filler.map((part, i) => part + (i % 2 === 0 ? needles[i % needles.length]! : '')).join('');
        expect(finder(needles)(text).sort()).toEqual(naive(needles, text));
      }),
      { numRuns: 2000 },
    );
  });

  it('finds a needle glued to characters of its own kind', () => {
    expect(finder(['ab@c.d'])('x.ab@c.de"')).toEqual(['ab@c.d']);
    expect(finder(['13800000000'])('id 4413800000000')).toEqual(['13800000000']);
    expect(finder(['+8613800000000'])('5+8613800000000')).toEqual(['+8613800000000']);
    expect(finder(['a'.repeat(43)])(`x${'a'.repeat(50)}`)).toEqual(['a'.repeat(43)]);
    expect(finder(['ab@c.d', '12345678'])('nothing here')).toEqual([]);
  });
});
