import type { TFunction } from 'i18next';
import type { Submission } from '@city-spirit/shared';

const EXCERPT_LENGTH = 70;

/**
 * The start of an explanation on one line, cut at a character (never inside a surrogate pair) with
 * an ellipsis. Line breaks after Chinese punctuation go without a space, as Chinese is written.
 */
export function excerpt(text: string, length = EXCERPT_LENGTH): string {
  const oneLine = text
    .trim()
    .replace(/([\u3000-\u303f\uff01-\uff5e])\s+/g, '$1')
    .replace(/\s+/g, ' ');
  const characters = Array.from(oneLine);
  return characters.length <= length ? characters.join('') : `${characters.slice(0, length).join('').trimEnd()}…`;
}

/** Authors who deleted their account are shown as such; their entries stay. */
export function authorName(t: TFunction, author: Submission['author']): string {
  return author.deleted ? t('entries.deletedAuthor') : author.displayName;
}

/** The language tag of an entry's own text, for the `lang` attribute (fonts and screen readers follow it). */
export function entryLang(submission: Pick<Submission, 'language'>): string {
  return submission.language === 'en' ? 'en' : 'zh-CN';
}

/** For texts whose language is not recorded (similar phrases): Chinese if they hold any Chinese characters. */
export function textLang(text: string): string {
  return /\p{Script=Han}/u.test(text) ? 'zh-CN' : 'en';
}
