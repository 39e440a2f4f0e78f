import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { meResponseSchema, problemSchema, type Problem } from '@city-spirit/shared';

/** Anything with a zod-like `parse`: the shared schemas fit. */
export type ResponseSchema<T> = { parse(input: unknown): T };

/**
 * A failed API call. `problem` is the server's RFC 9457 body when it sent one;
 * it is absent when the server could not be reached or answered with something else.
 * `retryAfterSeconds` comes from the Retry-After header of a 429.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(status: number, problem?: Problem, retryAfterSeconds?: number) {
    super(problem?.detail ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Status 0 stands for "no answer": the network or the server is down. */
const NO_ANSWER = 0;

export async function getJson<T>(path: string, schema: ResponseSchema<T>, signal?: AbortSignal): Promise<T> {
  const response = await send(path, { headers: { accept: 'application/json' }, signal });
  if (!response.ok) throw await apiError(response);
  return schema.parse(await response.json());
}

type UnsafeRequest<T> = {
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  body?: unknown;
  /** Absent for answers without a body (204). */
  schema?: ResponseSchema<T>;
};

/**
 * Sends a change to the API with the session's CSRF token, which the server asks of every unsafe
 * request made with a session cookie. The token lives in the query cache with the session; when it
 * is refused (the session changed in another tab), the session is read again and the request sent once more.
 */
export async function sendJson<T = undefined>(client: QueryClient, request: UnsafeRequest<T>): Promise<T> {
  let response = await sendWithToken(request, (await client.ensureQueryData(sessionQuery())).csrfToken);
  let failure = response.ok ? undefined : await apiError(response);
  if (failure?.problem?.code === 'csrf_failed') {
    const session = await client.fetchQuery({ ...sessionQuery(), staleTime: 0 });
    response = await sendWithToken(request, session.csrfToken);
    failure = response.ok ? undefined : await apiError(response);
  }
  if (failure) {
    // The session ended (expired, or signed out elsewhere): let every page know.
    if (failure.status === 401) void client.invalidateQueries({ queryKey: sessionQuery().queryKey });
    throw failure;
  }
  if (!request.schema || response.status === 204) return undefined as T;
  return request.schema.parse(await response.json());
}

function sendWithToken(request: UnsafeRequest<unknown>, csrfToken: string): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', 'x-csrf-token': csrfToken };
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  return send(request.path, {
    method: request.method,
    headers,
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
  });
}

async function send(path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(path, { ...init, credentials: 'same-origin' });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw new ApiError(NO_ANSWER);
  }
}

async function apiError(response: Response): Promise<ApiError> {
  return new ApiError(response.status, await readProblem(response), readRetryAfter(response));
}

async function readProblem(response: Response): Promise<Problem | undefined> {
  try {
    const parsed = problemSchema.safeParse(await response.json());
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function readRetryAfter(response: Response): number | undefined {
  const seconds = Number(response.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : undefined;
}

/**
 * Who is signed in (or null), and the CSRF token for unsafe requests. Kept here because the
 * client itself needs the token; `api/session.ts` has the hooks around it.
 */
export function sessionQuery() {
  return queryOptions({
    queryKey: ['session'] as const,
    queryFn: ({ signal }) => getJson('/api/auth/me', meResponseSchema, signal),
    staleTime: 30_000,
  });
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** Client errors will not go away by asking again; server and network errors may. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}
