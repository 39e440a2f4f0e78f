import { z } from 'zod';
import { AppError } from './errors.ts';

/** The cursor of lists ordered by creation time: the last row's time and id. */
export const timeCursorSchema = z.object({ at: z.string(), id: z.string() });

/** Opaque keyset cursors: the sort key and id of the last row of a page. */
export const encodeCursor = (cursor: Record<string, unknown>) => Buffer.from(JSON.stringify(cursor)).toString('base64url');

export function decodeCursor<T>(cursor: string, schema: z.ZodType<T>): T {
  try {
    return schema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new AppError('validation_failed', 400, 'The cursor is not valid: use nextCursor from the previous page as it is.', {
      errors: [{ path: 'querystring.cursor', message: 'not a cursor from this API' }],
    });
  }
}
