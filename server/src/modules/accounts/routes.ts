import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  loginSchema,
  meResponseSchema,
  ownUserSchema,
  profileUpdateSchema,
  registerSchema,
  sessionResponseSchema,
  verificationConfirmSchema,
  verificationRequestSchema,
} from '@city-spirit/shared';
import { AppError } from '../../errors.ts';
import { problemResponses } from '../../plugins/errors.ts';
import { anonymousCsrfToken, csrfTokenFor } from './sessions.ts';
import {
  deleteAccount,
  exportUserData,
  findUser,
  logIn,
  registerUser,
  toOwnUser,
  updateProfile,
  type LoginLimits,
} from './service.ts';
import { CODE_TTL_MINUTES, confirmVerificationCode, requestVerificationCode, type VerificationProvider } from './verification.ts';

type AccountOptions = { loginLimits: LoginLimits; verificationProvider: VerificationProvider };

export const accountRoutes: FastifyPluginAsyncZod<AccountOptions> = async (app, { loginLimits, verificationProvider }) => {
  const signedInUser = async (id: string | undefined) => {
    const user = id ? await findUser(app.db, id) : undefined;
    if (!user) throw new AppError('unauthenticated', 401, 'Sign in to do this.');
    return user;
  };

  app.post(
    '/api/auth/register',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Create a resident account with an email address or a mainland mobile number, and sign in',
        body: registerSchema,
        response: { 201: sessionResponseSchema, ...problemResponses(400, 409, 429) },
      },
    },
    async (request, reply) => {
      if (request.body.website) {
        // The honeypot field is hidden from people; whatever filled it in is a bot. Say little.
        request.log.warn({ honeypot: true }, 'sign-up refused: honeypot field filled in');
        throw new AppError('validation_failed', 400, 'The sign-up could not be completed. Reload the page and try again.');
      }
      const user = await registerUser(app.db, request.body);
      const csrfToken = await reply.startSession(user);
      return reply.code(201).send({ user: toOwnUser(user), csrfToken });
    },
  );

  app.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Sign in with email address or mobile number; a new session every time',
        body: loginSchema,
        response: { 200: sessionResponseSchema, ...problemResponses(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const user = await logIn(app.db, request.body, request.ip, loginLimits);
      const csrfToken = await reply.startSession(user);
      return { user: toOwnUser(user), csrfToken };
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags: ['accounts'], summary: 'End this session', response: { 204: z.null(), ...problemResponses(401, 403) } } },
    async (_request, reply) => {
      await reply.endSession();
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    { schema: { tags: ['accounts'], summary: 'The signed-in user (or null) and the CSRF token for unsafe requests', response: { 200: meResponseSchema } } },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      if (!request.account || !request.session) return { user: null, csrfToken: anonymousCsrfToken() };
      return { user: toOwnUser(request.account), csrfToken: csrfTokenFor(request.session.token) };
    },
  );

  app.post(
    '/api/auth/verification',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Send a 6-digit code to a mobile number to verify it (at most 3 per number per hour)',
        description: 'A number another account has gets the same answer, but no code: whose number is registered is not told.',
        body: verificationRequestSchema,
        response: { 202: z.object({ expiresInMinutes: z.number() }), ...problemResponses(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const user = await signedInUser(request.user?.id);
      await requestVerificationCode(app.db, user, request.body.phone, verificationProvider);
      return reply.code(202).send({ expiresInMinutes: CODE_TTL_MINUTES });
    },
  );

  app.post(
    '/api/auth/verification/confirm',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Confirm the code; the account becomes verified with that number',
        body: verificationConfirmSchema,
        response: { 200: z.object({ user: ownUserSchema }), ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request) => {
      const userId = (await signedInUser(request.user?.id)).id;
      await confirmVerificationCode(app.db, userId, request.body.code);
      return { user: toOwnUser(await signedInUser(userId)) };
    },
  );

  app.patch(
    '/api/me',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Change display name, district or language',
        body: profileUpdateSchema,
        response: { 200: z.object({ user: ownUserSchema }), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => ({ user: toOwnUser(await updateProfile(app.db, request.user!.id, request.body)) }),
  );

  app.get(
    '/api/me/export',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Download everything stored about you (JSON)',
        response: { 200: z.record(z.string(), z.unknown()), ...problemResponses(401) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      reply.header('content-disposition', 'attachment; filename="city-spirit-my-data.json"');
      return exportUserData(app.db, request.user!.id);
    },
  );

  app.delete(
    '/api/me',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Delete your account: personal data erased, public contributions kept under "已注销用户 / deleted user"',
        response: { 204: z.null(), ...problemResponses(401, 403) },
      },
    },
    async (request, reply) => {
      await deleteAccount(app.db, request.user!.id);
      await reply.endSession();
      return reply.code(204).send(null);
    },
  );
};
