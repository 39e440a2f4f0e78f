import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { characterCount } from '@city-spirit/shared';
import { useLocaleFormat } from '../i18n/format.ts';
import { useDebouncedValue } from './useDebouncedValue.ts';

/** Screen readers hear how much room is left once typing pauses, not at every keystroke (as GOV.UK's character count). */
const ANNOUNCE_AFTER_MS = 1000;

/**
 * "12 / 2000" under a field, counting characters as people do (a Chinese character or an emoji is one),
 * turning red past the limit. The limit itself belongs in the field's hint.
 */
export function CharacterCount({ text, max }: { text: string; max: number }) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const count = characterCount(text);
  const over = count - max;
  const initialText = useRef(text).current;
  const settledText = useDebouncedValue(text, ANNOUNCE_AFTER_MS);
  const settledCount = characterCount(settledText);
  const announcement =
    settledText === initialText
      ? ''
      : settledCount > max
        ? t('form.charactersOver', { count: settledCount - max })
        : t('form.charactersLeft', { count: max - settledCount });
  return (
    <>
      <p className="char-count" data-over={over > 0 || undefined} aria-hidden="true">
        <span className="char-count__numbers">{t('form.characterCount', { used: format.number(count), max: format.number(max) })}</span>
        {over > 0 && <span className="char-count__over">{t('form.charactersOver', { count: over })}</span>}
      </p>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </>
  );
}
