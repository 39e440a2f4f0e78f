import { describe, expect, it } from 'vitest';
import { foldText } from '@city-spirit/shared/normalize';
import { phraseTerms } from '../../server/src/modules/insights/terms.ts';

describe('terms of a phrase for the top terms', () => {
  it('splits a Chinese phrase into its words', () => {
    expect(phraseTerms('坚韧顽强，开放包容')).toEqual(['坚韧', '顽强', '开放', '包容']);
  });

  it('folds traditional characters to simplified, so 堅韌頑強 counts with 坚韧顽强', () => {
    expect(phraseTerms('堅韌頑強')).toEqual(phraseTerms('坚韧顽强'));
  });

  it('keeps a four-character idiom whole and adds its two halves', () => {
    expect(phraseTerms('自强不息')).toEqual(['自强不息', '自强', '不息']);
    expect(phraseTerms('海纳百川')).toEqual(['海纳百川', '海纳', '百川']);
  });

  it('lower-cases English words and leaves out stop words', () => {
    expect(phraseTerms('Resilient and Open')).toEqual(['resilient', 'open']);
    expect(phraseTerms('The City That Never Gives Up')).toEqual(['city', 'never', 'gives', 'up']);
  });

  it('folds full-width letters and drops punctuation and single characters', () => {
    expect(phraseTerms('ＲＥＳＩＬＩＥＮＴ！山 城')).toEqual(['resilient']);
    expect(phraseTerms('山水之城，美丽之地')).toEqual(expect.arrayContaining(['山水', '美丽']));
    expect(phraseTerms('山水之城，美丽之地')).not.toContain('之');
  });

  it('gives each term once however often the phrase repeats it', () => {
    expect(phraseTerms('爬坡上坎，爬坡上坎')).toEqual([...new Set(phraseTerms('爬坡上坎，爬坡上坎'))]);
  });

  it('keeps spaces and punctuation when folding text for segmentation', () => {
    expect(foldText('Open Ｈｅａｒｔ，開放')).toBe('open heart,开放');
  });
});
