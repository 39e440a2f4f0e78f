import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors.ts';

/**
 * NUL characters and lone UTF-16 surrogates (which JSON's \u escapes allow) cannot be stored by
 * PostgreSQL, in text or in jsonb. Every request is checked for them once, before validation, so
 * that each field need not be: the answer is a 400 that names the field, not a database error.
 */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The path of the first string in `value` that PostgreSQL cannot store, or null. */
function unstorableTextPath(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? path : null;
  if (depth > 32 || value === null || typeof value !== 'object') return null;
  for (const [key, inner] of Object.entries(value)) {
    if (UNSTORABLE.test(key)) return `${path}.${key.replace(UNSTORABLE, '?')}`;
    const found = unstorableTextPath(inner, `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return null;
}

function check(request: FastifyRequest): void {
  const path =
    unstorableTextPath(request.params, 'params') ?? unstorableTextPath(request.query, 'querystring') ?? unstorableTextPath(request.body, 'body');
  if (!path) return;
  throw new AppError('validation_failed', 400, `The request is not valid. ${path}: contains a character that cannot be stored (a NUL character or a lone surrogate); remove it.`, {
    errors: [{ path, message: 'contains a character that cannot be stored (a NUL character or a lone surrogate)' }],
  });
}

async function storableTextPlugin(app: FastifyInstance): Promise<void> {
  app.addHook('preValidation', async (request) => check(request));
}

export default fp(storableTextPlugin, { name: 'storable-text' });
