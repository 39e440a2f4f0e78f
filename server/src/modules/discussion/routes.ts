import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  commentCreatedSchema,
  commentCreateSchema,
  commentEditListSchema,
  commentIdParamsSchema,
  commentListQuerySchema,
  commentListSchema,
  commentUpdateSchema,
  commentVoteInputSchema,
  commentVoteResultSchema,
  type CommentTargetType,
} from '@city-spirit/shared';
import { problemResponses } from '../../plugins/errors.ts';
import { listComments } from './listing.ts';
import { commentEdits, createComment, deleteComment, editComment, voteOnComment, type Commenter } from './service.ts';

/** Where each target kind's thread lives; a new kind adds its path here. */
const TARGET_PATHS: Record<CommentTargetType, { path: string; params: z.ZodObject<{ id: z.ZodUUID }>; name: string }> = {
  submission: { path: '/api/submissions/:id/comments', params: z.object({ id: z.uuid({ message: 'not a valid entry id' }) }), name: 'an entry' },
  draft: { path: '/api/drafts/:id/comments', params: z.object({ id: z.uuid({ message: 'not a valid draft id' }) }), name: 'a published draft' },
};

const commenter = (request: FastifyRequest): Commenter => request.user!;
const viewerOf = (request: FastifyRequest): Commenter | null => request.user;

export const discussionRoutes: FastifyPluginAsyncZod = async (app) => {
  for (const [targetType, { path, params, name }] of Object.entries(TARGET_PATHS) as [CommentTargetType, (typeof TARGET_PATHS)[CommentTargetType]][]) {
    app.get(
      path,
      {
        schema: {
          tags: ['discussion'],
          summary: `The comments on ${name}, a page at a time: the top level, or the replies of parentId; with the stance counts`,
          params,
          querystring: commentListQuerySchema,
          response: { 200: commentListSchema, ...problemResponses(400, 404) },
        },
      },
      async (request) => listComments(app.db, viewerOf(request), targetType, request.params.id, request.query),
    );

    app.post(
      path,
      {
        schema: {
          tags: ['discussion'],
          summary: `Comment on ${name} (or answer a comment with parentId); 429 rate_limited beyond the campaign's comments per hour`,
          params,
          body: commentCreateSchema,
          response: { 201: commentCreatedSchema, ...problemResponses(400, 401, 403, 404, 409, 429) },
        },
      },
      async (request, reply) => reply.code(201).send({ comment: await createComment(app.db, commenter(request), targetType, request.params.id, request.body) }),
    );
  }

  app.patch(
    '/api/comments/:id',
    {
      schema: {
        tags: ['discussion'],
        summary: 'Edit your comment within 15 minutes of posting; later 409 conflict',
        params: commentIdParamsSchema,
        body: commentUpdateSchema,
        response: { 200: commentCreatedSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => ({ comment: await editComment(app.db, commenter(request), request.params.id, request.body.body) }),
  );

  app.delete(
    '/api/comments/:id',
    {
      schema: {
        tags: ['discussion'],
        summary: 'Delete your comment: it keeps its place (deleted, no text) and its replies',
        params: commentIdParamsSchema,
        response: { 204: z.null(), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await deleteComment(app.db, commenter(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/api/comments/:id/vote',
    {
      schema: {
        tags: ['discussion'],
        summary: 'Vote a comment up (1) or down (-1); one vote per person, a new value replaces the old',
        params: commentIdParamsSchema,
        body: commentVoteInputSchema,
        response: { 200: commentVoteResultSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => voteOnComment(app.db, commenter(request), request.params.id, request.body.value),
  );

  app.delete(
    '/api/comments/:id/vote',
    {
      schema: {
        tags: ['discussion'],
        summary: 'Take back your vote on a comment',
        params: commentIdParamsSchema,
        response: { 200: commentVoteResultSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => voteOnComment(app.db, commenter(request), request.params.id, null),
  );

  app.get(
    '/api/comments/:id/edits',
    {
      schema: {
        tags: ['discussion'],
        summary: "A comment's earlier texts (moderators)",
        params: commentIdParamsSchema,
        response: { 200: commentEditListSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => commentEdits(app.db, commenter(request), request.params.id),
  );
};
