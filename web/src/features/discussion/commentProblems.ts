import type { TFunction } from 'i18next';
import { characterCount, COMMENT_BODY_MAX_LENGTH } from '@city-spirit/shared';
import { isApiError } from '../../api/client.ts';
import type { FormProblems } from '../../ui/formProblems.ts';

export type CommentField = 'body' | 'stance';

function fieldMessage(t: TFunction, field: CommentField, body: string): string {
  if (field === 'stance') return t('discussion.composer.stanceRequired');
  const count = characterCount(body.trim());
  return count === 0 ? t('discussion.composer.bodyRequired') : t('discussion.composer.bodyTooLong', { max: COMMENT_BODY_MAX_LENGTH, count });
}

const fieldOf = (key: string): CommentField | undefined => (key === 'body' || key === 'stance' ? key : undefined);

/** The shared schema's issues (English, for API clients) in the reader's words, worded from the text. */
export function problemsFromIssues(t: TFunction, issues: readonly { path: PropertyKey[] }[], body: string): FormProblems<CommentField> {
  const fields: Partial<Record<CommentField, string>> = {};
  for (const issue of issues) {
    const field = fieldOf(String(issue.path[0] ?? ''));
    if (field && !fields[field]) fields[field] = fieldMessage(t, field, body);
  }
  return Object.keys(fields).length > 0 ? { fields } : { fields, form: t('problems.generic') };
}

type Wording = { t: TFunction; problemMessage: (error: unknown) => string; duration: (seconds: number) => string };

/**
 * The server's refusal of a comment or an edit: field errors on their fields, the hourly limit
 * with the wait it names, a closed stage or discussion in words of this form; the rest as any request's.
 */
export function problemsFromServer({ t, problemMessage, duration }: Wording, error: unknown, body: string, conflict: string): FormProblems<CommentField> {
  if (!isApiError(error)) return { fields: {}, form: problemMessage(error) };
  switch (error.problem?.code) {
    case 'validation_failed': {
      const fields: Partial<Record<CommentField, string>> = {};
      for (const { path } of error.problem.errors ?? []) {
        const field = fieldOf(path.replace(/^body\./, '').split('.')[0] ?? '');
        if (field && !fields[field]) fields[field] = fieldMessage(t, field, body);
      }
      return Object.keys(fields).length > 0 ? { fields } : { fields, form: problemMessage(error) };
    }
    case 'rate_limited':
      // The general limit counts a minute; a longer wait is the campaign's comments per hour.
      if (error.retryAfterSeconds === undefined) return { fields: {}, form: t('discussion.composer.rateLimitedSoon') };
      if (error.retryAfterSeconds <= 60) return { fields: {}, form: problemMessage(error) };
      return { fields: {}, form: t('discussion.composer.rateLimited', { wait: duration(error.retryAfterSeconds) }) };
    case 'stage_closed':
      return { fields: {}, form: t('discussion.composer.stageClosed') };
    case 'conflict':
      return { fields: {}, form: conflict };
    default:
      return { fields: {}, form: problemMessage(error) };
  }
}
