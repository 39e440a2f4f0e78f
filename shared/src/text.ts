import type { z } from 'zod';

/** C0 and C1 control characters and DEL. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** The same, except tab and line breaks, which a text of several lines keeps. */
const CONTROL_EXCEPT_LINE_BREAKS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/**
 * Bidi embeddings, overrides and isolates reorder what follows them, so a text can show as
 * something else than it is ("abc\u202Egpj.exe" reads "abcexe.jpg").
 */
const DIRECTION_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;
/**
 * What shows nothing on its own: spacing, format characters (zero-width spaces and joiners, soft
 * hyphens, tags), combining marks and variation selectors, and the Hangul and Braille blanks.
 */
const INVISIBLE = /[\s\p{Cf}\p{Mn}\p{Me}\u115f\u1160\u3164\uffa0\u2800]/gu;

/**
 * Refuses control characters (line breaks too for a one-line text) and direction controls in a
 * text people write and others read: phrases, explanations, comments, names.
 */
export function readableText<Schema extends z.ZodType<string>>(schema: Schema, form: 'line' | 'lines'): Schema {
  const control = form === 'line' ? CONTROL : CONTROL_EXCEPT_LINE_BREAKS;
  return schema
    .refine((text) => !control.test(text), { message: form === 'line' ? 'remove control characters and line breaks' : 'remove control characters' })
    .refine((text) => !DIRECTION_CONTROL.test(text), {
      message: 'remove the invisible characters that change the text direction (U+202A–U+202E, U+2066–U+2069)',
    });
}

/** The text without what cannot be seen: empty when it would show as nothing. */
export const visibleCharacters = (text: string): string => text.replace(INVISIBLE, '');

/**
 * The form in which two display names count as the same name: compatibility forms (full-width
 * letters), case and invisible characters do not matter.
 */
export const displayNameKey = (name: string): string => visibleCharacters(name.normalize('NFKC').toUpperCase().toLowerCase());
