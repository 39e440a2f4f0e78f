import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { foldText } from '@city-spirit/shared/normalize';

// jieba keeps four-character idioms (自强不息, 海纳百川) whole where Intl.Segmenter breaks them into
// single characters; the comparison on the demo phrases is in ADR 0014.
let jieba: Jieba | null = null;
const segmenter = () => (jieba ??= Jieba.withDict(dict));

const HAN = /^\p{Script=Han}+$/u;
const LATIN_WORD = /^[\p{L}\p{N}]+$/u;

/** Words too common to say anything about a phrase. */
const STOP_WORDS = new Set([
  // Chinese words of two or more characters (single characters are never terms)
  '我们', '你们', '他们', '大家', '自己', '这个', '那个', '这里', '那里', '这座', '一个', '一种', '一座', '就是', '还是', '不是',
  '没有', '什么', '因为', '所以', '但是', '而且', '以及', '可以', '已经', '非常', '每个', '每一', '一起', '所有', '之间',
  // English
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'by', 'for', 'from', 'in', 'is', 'it', 'its', 'of', 'on', 'or', 'our',
  'that', 'the', 'this', 'to', 'us', 'we', 'with', 'every', 'all',
]);

/** Bigrams at even offsets: the two halves of a four-character idiom (坚韧|顽强), which phrases share more often than the whole. */
function idiomHalves(word: string): string[] {
  const chars = Array.from(word);
  const halves: string[] = [];
  for (let at = 0; at + 1 < chars.length; at += 2) halves.push(chars[at]! + chars[at + 1]!);
  return halves;
}

function wordTerms(word: string): string[] {
  if (HAN.test(word)) {
    const length = Array.from(word).length;
    if (length < 2) return [];
    return [word, ...(length > 2 ? idiomHalves(word) : [])];
  }
  return LATIN_WORD.test(word) && word.length >= 2 ? [word] : [];
}

/**
 * The distinct terms of a phrase for the campaign's top terms: its words (jieba, after folding
 * traditional characters, full-width forms and case) and the bigram halves of its longer Chinese
 * words, without stop words, single characters and punctuation.
 */
export function phraseTerms(phrase: string): string[] {
  const words = segmenter().cut(foldText(phrase), true);
  return [...new Set(words.flatMap(wordTerms).filter((term) => !STOP_WORDS.has(term)))];
}
