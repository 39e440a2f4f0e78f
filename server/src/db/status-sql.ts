import { sql, type SQL } from 'drizzle-orm';
import { DRAFT_STATUS_SETS, type DraftStatus, type DraftStatusSet, SUBMISSION_STATUS_SETS, type SubmissionStatusSet } from '@city-spirit/shared';

/** `column IN (…)` for one of the policy's status sets, written out so that PostgreSQL matches it to partial indexes built the same way. */
export function statusIn(column: string, set: SubmissionStatusSet): SQL {
  return sql.raw(`${column} IN (${SUBMISSION_STATUS_SETS[set].map((status) => `'${status}'`).join(', ')})`);
}

/** The set as a PostgreSQL array literal, for functions that take it. */
export function statusArray(set: SubmissionStatusSet): SQL {
  return sql.raw(`ARRAY[${SUBMISSION_STATUS_SETS[set].map((status) => `'${status}'`).join(', ')}]::submission_status[]`);
}

/** `column IN (…)` for one of the policy's draft status sets, or for one status. */
export function draftStatusIn(column: string, set: DraftStatusSet | DraftStatus): SQL {
  const statuses: readonly string[] = set in DRAFT_STATUS_SETS ? DRAFT_STATUS_SETS[set as DraftStatusSet] : [set];
  return sql.raw(`${column} IN (${statuses.map((status) => `'${status}'`).join(', ')})`);
}
