import { describe, expect, it } from 'vitest';
import { PHRASE_MAX_LENGTH, commentBodySchema, phraseSchema } from '@city-spirit/shared';

describe('text limits', () => {
  it('count an emoji or a Chinese character as one, as the API document does', () => {
    expect(phraseSchema.safeParse('🌶'.repeat(PHRASE_MAX_LENGTH)).success).toBe(true);
    expect(phraseSchema.safeParse('山'.repeat(PHRASE_MAX_LENGTH)).success).toBe(true);
    expect(phraseSchema.safeParse('🌶'.repeat(PHRASE_MAX_LENGTH + 1)).success).toBe(false);
  });

  it('count after trimming', () => {
    expect(phraseSchema.safeParse(`  ${'山'.repeat(PHRASE_MAX_LENGTH)}  `).success).toBe(true);
    expect(commentBodySchema.safeParse('   ').success).toBe(false);
  });
});
