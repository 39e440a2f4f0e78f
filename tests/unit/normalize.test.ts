import { describe, expect, it } from 'vitest';
import { characterBigrams, characterSet, detectLanguage, jaccard, normalizePhraseText, phraseSimilarity } from '@city-spirit/shared/normalize';

describe('phrase normalization for duplicate detection', () => {
  it.each([
    ['山城', '山城'],
    ['山 城', '山城'],
    ['山城！', '山城'],
    ['「山城」。', '山城'],
    ['《山城》…—·', '山城'],
    ['山，城；：？', '山城'],
    ['“山城”‘’、', '山城'],
    ['\u3000山城\t\n', '山城'],
  ])('treats whitespace and Chinese punctuation as absent: %s', (input, expected) => {
    expect(normalizePhraseText(input)).toBe(expected);
  });

  it('treats full-width and half-width forms alike (NFKC)', () => {
    expect(normalizePhraseText('ＣＨＯＮＧＱＩＮＧ　２０２６')).toBe('chongqing2026');
    expect(normalizePhraseText('ｍｏｕｎｔａｉｎ　ｃｉｔｙ！')).toBe(normalizePhraseText('Mountain City!'));
  });

  it('treats traditional characters as their simplified forms', () => {
    expect(normalizePhraseText('堅韌頑強')).toBe('坚韧顽强');
    expect(normalizePhraseText('重慶精神，發揚光大')).toBe('重庆精神发扬光大');
    expect(normalizePhraseText('山城')).toBe(normalizePhraseText('山城'));
  });

  it('ignores ASCII punctuation and case', () => {
    expect(normalizePhraseText('Bold, Direct -- Generous!!!')).toBe('bolddirectgenerous');
    expect(normalizePhraseText("Rivers meet; ideas flow (really)?")).toBe('riversmeetideasflowreally');
  });

  it('ignores emoji, with their joiners and variation selectors', () => {
    expect(normalizePhraseText('山城🏔️❤️')).toBe('山城');
    expect(normalizePhraseText('火锅👨‍👩‍👧🔥')).toBe('火锅');
  });

  it('keeps mixed scripts and digits, in order', () => {
    expect(normalizePhraseText('8D 魔幻 City！')).toBe('8d魔幻city');
    expect(normalizePhraseText('重庆 No.1')).toBe('重庆no1');
  });

  it('leaves nothing of a phrase made only of punctuation and emoji', () => {
    expect(normalizePhraseText('！？。😀')).toBe('');
  });
});

describe('phrase similarity', () => {
  it('splits normalized text into distinct characters and bigrams', () => {
    expect(characterSet('山城山')).toEqual(['山', '城']);
    expect(characterBigrams('坚韧顽强')).toEqual(['坚韧', '韧顽', '顽强']);
    expect(characterBigrams('城')).toEqual(['城']);
  });

  it('scores identical phrases 1 and unrelated ones 0', () => {
    expect(phraseSimilarity('山城', '山城')).toBe(1);
    expect(phraseSimilarity('山城', '火锅')).toBe(0);
    expect(jaccard([], [])).toBe(0);
  });

  it('scores one changed character of a four-character phrase well above pg_trgm (0.25)', () => {
    expect(phraseSimilarity('坚韧顽强', '坚韧不屈')).toBeGreaterThanOrEqual(0.33);
    expect(phraseSimilarity('开放包容', '包容开放')).toBe(1);
  });

  it('detects the language of a phrase', () => {
    expect(detectLanguage('山城 Mountain City')).toBe('zh');
    expect(detectLanguage('Mountain City')).toBe('en');
  });
});
