import { problemSchema, type Problem } from '@city-spirit/shared';

/** Anything with a zod-like `parse`: the shared schemas fit. */
export type ResponseSchema<T> = { parse(input: unknown): T };

/**
 * A failed API call. `problem` is the server's RFC 9457 body when it sent one;
 * it is absent when the server could not be reached or answered with something else.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | undefined;

  constructor(status: number, problem?: Problem) {
    super(problem?.detail ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
}

/** Status 0 stands for "no answer": the network or the server is down. */
const NO_ANSWER = 0;

export async function getJson<T>(path: string, schema: ResponseSchema<T>, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { accept: 'application/json' }, credentials: 'same-origin', signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(NO_ANSWER);
  }
  if (!response.ok) throw new ApiError(response.status, await readProblem(response));
  return schema.parse(await response.json());
}

async function readProblem(response: Response): Promise<Problem | undefined> {
  try {
    const parsed = problemSchema.safeParse(await response.json());
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** Client errors will not go away by asking again; server and network errors may. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}
