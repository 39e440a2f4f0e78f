import type { TFunction } from 'i18next';
import { displayNameSchema, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@city-spirit/shared';
import { isApiError } from '../../api/client.ts';
import type { FormProblems } from '../../ui/formProblems.ts';

/** The fields of the account forms. */
export type AccountField = 'email' | 'phone' | 'password' | 'displayName' | 'districtCode' | 'privacyConsent' | 'login' | 'signInPassword' | 'code';

type IssueKind = 'required' | 'tooShort' | 'tooLong' | 'invalid';
type Issue = { code: string; path: PropertyKey[] };

/** Read from the shared schema, so the hints and messages say what it checks. */
export const DISPLAY_NAME_LENGTH = { min: displayNameSchema.minLength ?? 0, max: displayNameSchema.maxLength ?? 0 };

/**
 * The shared schemas' messages are English and meant for API clients; the forms say the same in
 * the reader's language, chosen by the field and the kind of issue.
 */
export function fieldMessage(t: TFunction, field: AccountField, kind: IssueKind): string {
  switch (field) {
    case 'email':
      return kind === 'required' ? t('fields.email.required') : t('fields.email.invalid');
    case 'phone':
      return kind === 'required' ? t('fields.phone.required') : t('fields.phone.invalid');
    case 'password':
      if (kind === 'required') return t('fields.password.required');
      if (kind === 'tooLong') return t('fields.password.tooLong', { max: PASSWORD_MAX_LENGTH });
      return t('fields.password.tooShort', { min: PASSWORD_MIN_LENGTH });
    case 'displayName':
      if (kind === 'required') return t('fields.displayName.required');
      if (kind === 'tooShort') return t('fields.displayName.tooShort', DISPLAY_NAME_LENGTH);
      if (kind === 'tooLong') return t('fields.displayName.tooLong', DISPLAY_NAME_LENGTH);
      return t('fields.displayName.invalid');
    case 'districtCode':
      return t('fields.district.invalid');
    case 'privacyConsent':
      // Ticked but refused: the form consented to a version of the notice that is no longer current.
      return kind === 'required' ? t('fields.privacyConsent.required') : t('fields.privacyConsent.outdated');
    case 'login':
      return t('fields.login.required');
    case 'signInPassword':
      return t('fields.signInPassword.required');
    case 'code':
      return kind === 'required' ? t('fields.code.required') : t('fields.code.invalid');
  }
}

function issueKind(issue: Issue, value: string | undefined): IssueKind {
  if (!value?.trim()) return 'required';
  if (issue.code === 'too_small') return 'tooShort';
  if (issue.code === 'too_big') return 'tooLong';
  return 'invalid';
}

/**
 * Client-side problems from the shared schema's issues: the first issue of each field, in the
 * reader's language. `fieldOf` names the form field of a schema key (or none, for hidden keys).
 */
export function problemsFromIssues<Field extends AccountField>(
  t: TFunction,
  issues: readonly Issue[],
  fieldOf: (key: string) => Field | undefined,
  values: Partial<Record<Field, string>>,
  fallback: string,
): FormProblems<Field> {
  const fields: Partial<Record<Field, string>> = {};
  for (const issue of issues) {
    const field = fieldOf(String(issue.path[0] ?? ''));
    if (!field || fields[field]) continue;
    fields[field] = fieldMessage(t, field, issueKind(issue, values[field]));
  }
  return Object.keys(fields).length > 0 ? { fields } : { fields, form: fallback };
}

/**
 * Server-side field errors (`errors: [{ path: 'body.password' }]`) placed on the form's fields.
 * `message` words each field's problem; the server's own message is English and not shown.
 */
export function problemsFromServer<Field extends AccountField>(
  error: unknown,
  fieldOf: (key: string) => Field | undefined,
  message: (field: Field) => string,
): Partial<Record<Field, string>> {
  const fields: Partial<Record<Field, string>> = {};
  if (!isApiError(error)) return fields;
  for (const { path } of error.problem?.errors ?? []) {
    const field = fieldOf(path.replace(/^body\./, '').split('.')[0] ?? '');
    if (field && !fields[field]) fields[field] = message(field);
  }
  return fields;
}

export function problemCode(error: unknown): string | undefined {
  return isApiError(error) ? error.problem?.code : undefined;
}
