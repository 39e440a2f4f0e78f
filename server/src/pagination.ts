import { z } from 'zod';
import { AppError } from './errors.ts';

/**
 * A time in a cursor: ISO 8601 or PostgreSQL's text of a timestamptz ("2026-11-28 07:20:00.123456+00").
 * Checked to the day and to the offset PostgreSQL accepts (±15:59), within years 1900–9000, so that a
 * tampered cursor is refused with 400 rather than failing in the database.
 */
export const cursorTime = z
  .string()
  .regex(/^(\d{4})-(\d{2})-(\d{2})[ T]([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?(Z|[+-](0\d|1[0-5])(:?[0-5]\d)?)$/)
  .refine((text) => {
    const [year, month, day] = text.slice(0, 10).split('-').map(Number) as [number, number, number];
    const date = new Date(Date.UTC(year, month - 1, day));
    return year >= 1900 && year <= 9000 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && !Number.isNaN(cursorDate(text).getTime());
  });

/** A cursor time as a Date (PostgreSQL's "+00" offsets written out as ISO's "+00:00"). */
export function cursorDate(text: string): Date {
  const iso = text.replace(' ', 'T').replace(/([+-]\d{2})(?::?(\d{2}))?$/, (_, hours: string, minutes?: string) => `${hours}:${minutes ?? '00'}`);
  return new Date(iso);
}

/** A finite number as PostgreSQL writes a float8 ("0.8986915348829019", "1.5e-05"). */
export const cursorNumber = z
  .string()
  .regex(/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i)
  .refine((text) => {
    const value = Number(text);
    // JavaScript reads "1e-400" as 0; PostgreSQL refuses it as out of range. A zero must be written as one.
    const representable = value === 0 ? /^-?0*\.?0*(e[+-]?\d+)?$/i.test(text) : Math.abs(value) > 1e-300;
    return Number.isFinite(value) && Math.abs(value) < 1e300 && representable;
  });

/** The cursor of lists ordered by creation time: the last row's time and id. */
export const timeCursorSchema = z.object({ at: cursorTime, id: z.uuid() });

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
