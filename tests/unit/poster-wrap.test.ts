import { describe, expect, it } from 'vitest';
import { wrapText } from '../../web/src/features/result/poster.ts';

/** Every character one unit wide, a space too: the width of a line is its length. */
const measure = (text: string) => Array.from(text).length;

describe('wrapping the poster wording', () => {
  it('breaks Chinese between any two characters', () => {
    expect(wrapText(measure, '坚韧顽强开放包容', 3)).toEqual(['坚韧顽', '强开放', '包容']);
  });

  it('keeps a closing punctuation mark at the end of the line before, never at the start of one', () => {
    expect(wrapText(measure, '坚韧顽强，开放包容', 4)).toEqual(['坚韧顽强，', '开放包容']);
  });

  it('breaks Chinese at its spaces and marks where the parts fit a line', () => {
    expect(wrapText(measure, '坚韧顽强 开放包容', 7)).toEqual(['坚韧顽强', '开放包容']);
    expect(wrapText(measure, '山水之城，英雄之城，开放之城', 10)).toEqual(['山水之城，英雄之城，', '开放之城']);
  });

  it('breaks English between words, dropping the space at the break', () => {
    expect(wrapText(measure, 'Tough and open, warm as hotpot', 12)).toEqual(['Tough and', 'open, warm', 'as hotpot']);
  });

  it('breaks a word longer than a line by character', () => {
    expect(wrapText(measure, 'Chongqingers', 5)).toEqual(['Chong', 'qinge', 'rs']);
  });

  it('keeps the line breaks of the text', () => {
    expect(wrapText(measure, '山城\n江城', 10)).toEqual(['山城', '江城']);
  });
});
