import type { TFunction } from 'i18next';
import { characterCount, EXPLANATION_MAX_LENGTH, PHRASE_MAX_LENGTH, PHRASE_MIN_LENGTH } from '@city-spirit/shared';
import { isApiError } from '../../api/client.ts';
import type { FormProblems } from '../../ui/formProblems.ts';

export type SubmissionField = 'phrase' | 'explanation' | 'districtCode';
export type SubmissionValues = Record<SubmissionField, string>;

export const PHRASE_LENGTH = { min: PHRASE_MIN_LENGTH, max: PHRASE_MAX_LENGTH };

export const fieldOf = (key: string): SubmissionField | undefined =>
  key === 'phrase' || key === 'explanation' || key === 'districtCode' ? key : undefined;

/**
 * The shared schema's messages are English and meant for API clients; the form says the same in
 * the reader's language, worded from the value (the schema counts characters as people do).
 */
export function fieldMessage(t: TFunction, field: SubmissionField, value: string): string {
  const count = characterCount(value.trim());
  switch (field) {
    case 'phrase':
      if (count === 0) return t('fields.phrase.required');
      if (count < PHRASE_MIN_LENGTH) return t('fields.phrase.tooShort', PHRASE_LENGTH);
      if (count > PHRASE_MAX_LENGTH) return t('fields.phrase.tooLong', { ...PHRASE_LENGTH, count });
      return t('fields.phrase.invalid');
    case 'explanation':
      return t('fields.explanation.tooLong', { max: EXPLANATION_MAX_LENGTH, count });
    case 'districtCode':
      return t('fields.district.invalid');
  }
}

/** Client-side problems from the shared schema's issues: the first of each field. */
export function problemsFromIssues(
  t: TFunction,
  issues: readonly { path: PropertyKey[] }[],
  values: SubmissionValues,
): FormProblems<SubmissionField> {
  const fields: Partial<Record<SubmissionField, string>> = {};
  for (const issue of issues) {
    const field = fieldOf(String(issue.path[0] ?? ''));
    if (field && !fields[field]) fields[field] = fieldMessage(t, field, values[field]);
  }
  return Object.keys(fields).length > 0 ? { fields } : { fields, form: t('problems.generic') };
}

/** Server-side field errors (`errors: [{ path: 'body.phrase' }]`), such as a phrase of punctuation only. */
export function problemsFromServer(t: TFunction, error: unknown, values: SubmissionValues): FormProblems<SubmissionField> {
  const fields: Partial<Record<SubmissionField, string>> = {};
  if (isApiError(error)) {
    for (const { path } of error.problem?.errors ?? []) {
      const field = fieldOf(path.replace(/^body\./, '').split('.')[0] ?? '');
      if (field && !fields[field]) fields[field] = fieldMessage(t, field, values[field]);
    }
  }
  return Object.keys(fields).length > 0 ? { fields } : { fields, form: t('problems.generic') };
}
