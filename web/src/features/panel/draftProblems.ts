import type { TFunction } from 'i18next';
import { characterCount, DRAFT_MAX_SOURCES, DRAFT_TEXT_MAX_LENGTH, DRAFT_TEXT_MIN_LENGTH, PANEL_TEXT_MAX_LENGTH } from '@city-spirit/shared';
import { isApiError } from '../../api/client.ts';
import type { FormProblems } from '../../ui/formProblems.ts';

export type DraftField = 'text' | 'rationale' | 'sourceSubmissionIds';
export type DraftValues = { text: string; rationale: string; sourceSubmissionIds: string[] };

export const DRAFT_TEXT_LENGTH = { min: DRAFT_TEXT_MIN_LENGTH, max: DRAFT_TEXT_MAX_LENGTH };

const fieldOf = (key: string): DraftField | undefined => (key === 'text' || key === 'rationale' || key === 'sourceSubmissionIds' ? key : undefined);

/** The shared schema's messages are English, for API clients; the form words the same from the value, in the reader's language. */
function fieldMessage(t: TFunction, field: DraftField, values: DraftValues): string {
  if (field === 'sourceSubmissionIds') {
    const count = values.sourceSubmissionIds.length;
    if (count === 0) return t('panel.draftForm.sourcesRequired');
    if (count > DRAFT_MAX_SOURCES) return t('panel.draftForm.sourcesTooMany', { max: DRAFT_MAX_SOURCES });
    return t('panel.draftForm.sourcesNotShortlisted');
  }
  const count = characterCount(values[field].trim());
  if (field === 'rationale') return count === 0 ? t('panel.draftForm.rationaleRequired') : t('panel.draftForm.rationaleTooLong', { max: PANEL_TEXT_MAX_LENGTH, count });
  if (count === 0) return t('panel.draftForm.textRequired');
  if (count < DRAFT_TEXT_MIN_LENGTH) return t('panel.draftForm.textTooShort', DRAFT_TEXT_LENGTH);
  return t('panel.draftForm.textTooLong', { ...DRAFT_TEXT_LENGTH, count });
}

function problemsFor(t: TFunction, paths: readonly string[], values: DraftValues): FormProblems<DraftField> {
  const fields: Partial<Record<DraftField, string>> = {};
  for (const path of paths) {
    const field = fieldOf(path);
    if (field && !fields[field]) fields[field] = fieldMessage(t, field, values);
  }
  return Object.keys(fields).length > 0 ? { fields } : { fields, form: t('problems.generic') };
}

/** Problems found in the form by the shared schema, the first of each field. */
export function problemsFromIssues(t: TFunction, issues: readonly { path: PropertyKey[] }[], values: DraftValues): FormProblems<DraftField> {
  return problemsFor(
    t,
    issues.map((issue) => String(issue.path[0] ?? '')),
    values,
  );
}

/**
 * The server's refusal: field errors (`errors: [{ path: 'body.sourceSubmissionIds.0' }]`) on their
 * fields, a closed stage in this form's words, anything else as any request's.
 */
export function problemsFromServer(words: { t: TFunction; problemMessage: (error: unknown) => string }, error: unknown, values: DraftValues): FormProblems<DraftField> {
  const { t, problemMessage } = words;
  if (!isApiError(error)) return { fields: {}, form: problemMessage(error) };
  switch (error.problem?.code) {
    case 'validation_failed': {
      const paths = (error.problem.errors ?? []).map(({ path }) => path.replace(/^body\./, '').split('.')[0] ?? '');
      const problems = problemsFor(t, paths, values);
      return problems.form ? { fields: {}, form: problemMessage(error) } : problems;
    }
    case 'stage_closed':
      return { fields: {}, form: t('panel.draftForm.stageClosed') };
    default:
      return { fields: {}, form: problemMessage(error) };
  }
}
