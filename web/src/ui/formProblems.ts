import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** What is wrong with a form: messages for fields, and one for the form as a whole. */
export type FormProblems<Field extends string> = { fields: Partial<Record<Field, string>>; form?: string | undefined };

export function hasProblems(problems: FormProblems<string>): boolean {
  return Boolean(problems.form) || Object.values(problems.fields).some(Boolean);
}

/**
 * The problems shown, and a counter that moves at every new showing so the summary takes focus again.
 * The messages are in the language of their moment: after a switch of language they are dropped
 * rather than shown in the other one, and the next submission words them anew.
 */
export function useFormProblems<Field extends string>() {
  const { i18n } = useTranslation();
  const none: FormProblems<Field> = { fields: {} };
  const [shown, setShown] = useState<{ problems: FormProblems<Field>; language: string }>({ problems: none, language: i18n.language });
  const [shownCount, setShownCount] = useState(0);
  return {
    problems: shown.language === i18n.language ? shown.problems : none,
    shownCount,
    show(next: FormProblems<Field>) {
      setShown({ problems: next, language: i18n.language });
      setShownCount((count) => count + 1);
    },
    clear() {
      setShown({ problems: none, language: i18n.language });
    },
  };
}
