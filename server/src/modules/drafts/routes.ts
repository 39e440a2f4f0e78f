import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  adoptSchema,
  campaignResultSchema,
  campaignSlugParamsSchema,
  draftDetailSchema,
  draftDiffQuerySchema,
  draftDiffSchema,
  draftIdParamsSchema,
  draftListSchema,
  draftVersionInputSchema,
  draftVersionListSchema,
  draftVoteResultSchema,
  endorsementPutSchema,
} from '@city-spirit/shared';
import { problemResponses } from '../../plugins/errors.ts';
import { voterOf } from '../votes/routes.ts';
import { draftDiff } from './diff.ts';
import { draftDetail, listDrafts, listVersions } from './listing.ts';
import { campaignResult } from './result.ts';
import { addVersion, adoptDraft, createDraft, endorse, publishDraft } from './service.ts';
import { voteForDraft, withdrawDraftVote } from './votes.ts';

export const draftRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['drafts'];

  app.get(
    '/api/campaigns/:slug/drafts',
    {
      schema: {
        tags,
        summary: 'The drafts of the wording: the panel sees all, everyone else the published and adopted ones; adopted first, then published in the order they were published',
        params: campaignSlugParamsSchema,
        response: { 200: draftListSchema, ...problemResponses(404) },
      },
    },
    async (request) => listDrafts(app.db, request.user, request.params.slug),
  );

  app.post(
    '/api/campaigns/:slug/drafts',
    {
      schema: {
        tags,
        summary: 'Start a draft with its version 1 (expert, refine stage); its sources must be shortlisted entries of the campaign',
        params: campaignSlugParamsSchema,
        body: draftVersionInputSchema,
        response: { 201: draftDetailSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const id = await createDraft(app.db, request.user!, request.params.slug, request.body);
      return reply.code(201).send(await draftDetail(app.db, request.user, id));
    },
  );

  app.get(
    '/api/drafts/:id',
    {
      schema: {
        tags,
        summary: "One draft; the panel's stances for the panel, and for everyone once the campaign is announced",
        params: draftIdParamsSchema,
        response: { 200: draftDetailSchema, ...problemResponses(400, 404) },
      },
    },
    async (request) => draftDetail(app.db, request.user, request.params.id),
  );

  app.post(
    '/api/drafts/:id/versions',
    {
      schema: {
        tags,
        summary: 'Write a new version of a draft in panel review (expert); versions are immutable, a published draft is fixed',
        params: draftIdParamsSchema,
        body: draftVersionInputSchema,
        response: { 201: draftDetailSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await addVersion(app.db, request.user!, request.params.id, request.body);
      return reply.code(201).send(await draftDetail(app.db, request.user, request.params.id));
    },
  );

  app.get(
    '/api/drafts/:id/versions',
    {
      schema: { tags, summary: "A draft's versions, oldest first", params: draftIdParamsSchema, response: { 200: draftVersionListSchema, ...problemResponses(400, 404) } },
    },
    async (request) => listVersions(app.db, request.user, request.params.id),
  );

  app.get(
    '/api/drafts/:id/diff',
    {
      schema: {
        tags,
        summary: 'What changed between two versions, character by character',
        params: draftIdParamsSchema,
        querystring: draftDiffQuerySchema,
        response: { 200: draftDiffSchema, ...problemResponses(400, 404) },
      },
    },
    async (request) => draftDiff(app.db, request.user, request.params.id, request.query.from, request.query.to),
  );

  app.put(
    '/api/drafts/:id/endorsement',
    {
      schema: {
        tags,
        summary: "Endorse or object to a draft's current version (expert); a new stance replaces yours on that version",
        params: draftIdParamsSchema,
        body: endorsementPutSchema,
        response: { 200: draftDetailSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      await endorse(app.db, request.user!, request.params.id, request.body.stance, request.body.note);
      return draftDetail(app.db, request.user, request.params.id);
    },
  );

  app.post(
    '/api/drafts/:id/publish',
    {
      schema: {
        tags,
        summary: 'Publish a draft to residents (expert); 409 unless its endorsements reach panelQuorum and outnumber its objections',
        params: draftIdParamsSchema,
        response: { 200: draftDetailSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      await publishDraft(app.db, request.user!, request.params.id);
      return draftDetail(app.db, request.user, request.params.id);
    },
  );

  app.put(
    '/api/drafts/:id/vote',
    {
      schema: {
        tags,
        summary: 'Vote for a published draft: one vote per resident and campaign, moved here from another draft',
        params: draftIdParamsSchema,
        response: { 200: draftVoteResultSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => voteForDraft(app.db, voterOf(request), request.params.id),
  );

  app.delete(
    '/api/drafts/:id/vote',
    {
      schema: {
        tags,
        summary: 'Take back your vote from this draft (idempotent)',
        params: draftIdParamsSchema,
        response: { 200: draftVoteResultSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => withdrawDraftVote(app.db, voterOf(request), request.params.id),
  );

  app.post(
    '/api/campaigns/:slug/adopt',
    {
      schema: {
        tags,
        summary: "Adopt a published draft as the campaign's wording (admin, refine stage): the campaign is announced",
        params: campaignSlugParamsSchema,
        body: adoptSchema,
        response: { 200: campaignResultSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      await adoptDraft(app.db, request.user!, request.params.slug, request.body.draftId);
      return campaignResult(app.db, app.rankings.scores, request.user, request.params.slug);
    },
  );

  app.get(
    '/api/campaigns/:slug/result',
    {
      schema: {
        tags,
        summary: 'The announced wording with its provenance: versions, sources, the panel\'s stances, the tally and the figures (404 before announced)',
        params: campaignSlugParamsSchema,
        response: { 200: campaignResultSchema, ...problemResponses(404) },
      },
    },
    async (request) => campaignResult(app.db, app.rankings.scores, request.user, request.params.slug),
  );
};
