import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  assessmentListSchema,
  assessmentPutSchema,
  assessmentSummarySchema,
  campaignSlugParamsSchema,
  criteriaListSchema,
  draftIdParamsSchema,
  panelNoteCreatedSchema,
  panelNoteCreateSchema,
  panelNoteListSchema,
  submissionIdParamsSchema,
  type PanelNoteTargetType,
} from '@city-spirit/shared';
import { problemResponses } from '../../plugins/errors.ts';
import { assessEntry, listAssessments, listCriteria } from './assessments.ts';
import { createPanelNote, listPanelNotes } from './notes.ts';

/** Where each kind of target keeps its panel notes. */
const NOTE_PATHS: Record<PanelNoteTargetType, { path: string; params: z.ZodObject<{ id: z.ZodUUID }>; name: string }> = {
  submission: { path: '/api/submissions/:id/notes', params: submissionIdParamsSchema, name: 'a shortlisted entry' },
  draft: { path: '/api/drafts/:id/notes', params: draftIdParamsSchema, name: 'a draft' },
};

export const panelRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/campaigns/:slug/criteria',
    {
      schema: {
        tags: ['panel'],
        summary: "The criteria the panel scores shortlisted entries on (the campaign's criteria setting)",
        params: campaignSlugParamsSchema,
        response: { 200: criteriaListSchema, ...problemResponses(400, 404) },
      },
    },
    async (request) => listCriteria(app.db, request.params.slug),
  );

  app.put(
    '/api/submissions/:id/assessment',
    {
      schema: {
        tags: ['panel'],
        summary: "Score a shortlisted entry 1–5 on each of the campaign's criteria (discuss and refine stages); a new assessment replaces your earlier one",
        params: submissionIdParamsSchema,
        body: assessmentPutSchema,
        response: { 200: assessmentSummarySchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => assessEntry(app.db, request.user!, request.params.id, request.body),
  );

  app.get(
    '/api/campaigns/:slug/assessments',
    {
      schema: {
        tags: ['panel'],
        summary:
          "Per shortlisted entry, the panel's figures per criterion and overall, best overall first; for the panel as it assesses, for everyone once announced. Notes and your own scores for panel members only",
        params: campaignSlugParamsSchema,
        response: { 200: assessmentListSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => listAssessments(app.db, request.user, request.params.slug),
  );

  for (const [targetType, { path, params, name }] of Object.entries(NOTE_PATHS) as [PanelNoteTargetType, (typeof NOTE_PATHS)[PanelNoteTargetType]][]) {
    app.get(
      path,
      {
        schema: {
          tags: ['panel'],
          summary: `The panel's private notes on ${name}, oldest first, each reply right after its parent (panel only)`,
          params,
          response: { 200: panelNoteListSchema, ...problemResponses(400, 401, 403, 404) },
        },
      },
      async (request) => listPanelNotes(app.db, request.user, targetType, request.params.id),
    );

    app.post(
      path,
      {
        schema: {
          tags: ['panel'],
          summary: `Write a private panel note on ${name}, or answer one with parentId (discuss and refine stages; panel only)`,
          params,
          body: panelNoteCreateSchema,
          response: { 201: panelNoteCreatedSchema, ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request, reply) => reply.code(201).send({ note: await createPanelNote(app.db, request.user!, targetType, request.params.id, request.body) }),
    );
  }
};
