import type { ErrorCode } from '@city-spirit/shared';

export type FieldError = { path: string; message: string };

/** The one error type of the application; the errors plugin turns it into problem+json. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    readonly detail: string,
    readonly extensions: { errors?: FieldError[]; [key: string]: unknown } = {},
  ) {
    super(detail);
  }
}

export const notFound = (detail: string) => new AppError('not_found', 404, detail);
export const unauthenticated = () => new AppError('unauthenticated', 401, 'Sign in to do this.');
export const forbidden = (detail = 'Your account may not do this.') => new AppError('forbidden', 403, detail);
export const conflict = (detail: string) => new AppError('conflict', 409, detail);

/** 429 with Retry-After (seconds), set by the errors plugin from `retryAfter`. */
export const rateLimited = (detail: string, retryAfterMs: number) =>
  new AppError('rate_limited', 429, detail, { retryAfter: Math.max(1, Math.ceil(retryAfterMs / 1000)) });

/** 503 with Retry-After (seconds): a dependency is down for a moment. */
export const unavailable = (detail: string, retryAfterSeconds: number) => new AppError('unavailable', 503, detail, { retryAfter: retryAfterSeconds });
