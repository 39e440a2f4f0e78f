import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useLocaleFormat } from '../i18n/format.ts';
import { useProblemMessage } from './useProblemMessage.ts';

/** What is wrong with a form: messages for fields, and one for the form as a whole. */
export type FormProblems<Field extends string> = { fields: Partial<Record<Field, string>>; form?: string | undefined };

/** The means of putting problems into words, in the language of the moment. */
export type FormWords = { t: TFunction; format: ReturnType<typeof useLocaleFormat>; problemMessage: (error: unknown) => string };

/** How a form words what went wrong with one submission, given the words of the current language. */
export type FormWording<Field extends string> = (words: FormWords) => FormProblems<Field>;

export function hasProblems(problems: FormProblems<string>): boolean {
  return Boolean(problems.form) || Object.values(problems.fields).some(Boolean);
}

/**
 * The problems shown, and a counter that moves at every new showing so the summary takes focus again.
 * The form hands over how to word them, not the words: they are worded at each render, so after a
 * switch of language the same problems show in the new one.
 */
export function useFormProblems<Field extends string>() {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const problemMessage = useProblemMessage();
  const [wording, setWording] = useState<FormWording<Field> | null>(null);
  const [shownCount, setShownCount] = useState(0);
  return {
    problems: wording ? wording({ t, format, problemMessage }) : ({ fields: {} } as FormProblems<Field>),
    shownCount,
    show(next: FormWording<Field>) {
      setWording(() => next);
      setShownCount((count) => count + 1);
    },
    clear() {
      setWording(null);
    },
  };
}
