import { z } from 'zod';
import { AppError } from './errors.ts';

const cursorSchema = z.object({ at: z.string(), id: z.string() });
export type Cursor = z.infer<typeof cursorSchema>;

/** Opaque keyset cursors: the sort key and id of the last row of a page. */
export const encodeCursor = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor)).toString('base64url');

export function decodeCursor(cursor: string): Cursor {
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new AppError('validation_failed', 400, 'The cursor is not valid: use nextCursor from the previous page as it is.', {
      errors: [{ path: 'querystring.cursor', message: 'not a cursor from this API' }],
    });
  }
}
