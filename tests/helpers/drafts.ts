import type { FastifyInstance } from 'fastify';
import type { CampaignSettings } from '@city-spirit/shared';
import type { Database } from '../../server/src/db/client.ts';
import { injectAs, signedInUser, type Session } from './accounts.ts';
import { createCampaign } from './campaigns.ts';

let phraseCounter = 0;

/**
 * A campaign in refine (quorum 2) with `entries` entries by residents, all shortlisted in discuss
 * (after `duringDiscuss`, for votes and comments); the moderator and the entries' authors come with it.
 */
export async function refiningCampaign(
  app: FastifyInstance,
  db: Database,
  admin: Session,
  options: { entries?: number; settings?: Partial<CampaignSettings>; duringDiscuss?: (entryIds: string[]) => Promise<void> } = {},
) {
  const slug = await createCampaign(app, admin, { settings: { panelQuorum: 2, ...options.settings } });
  const authors: Session[] = [];
  const entryIds: string[] = [];
  for (let i = 0; i < (options.entries ?? 3); i++) {
    const { session } = await signedInUser(app, db);
    const response = await injectAs(app, session, { method: 'POST', url: `/api/campaigns/${slug}/submissions`, payload: { phrase: `草案来源短语${phraseCounter++}号` } });
    if (response.statusCode !== 201) throw new Error(response.body);
    authors.push(session);
    entryIds.push(response.json().submission.id);
  }
  await injectAs(app, admin, { method: 'POST', url: `/api/campaigns/${slug}/stage`, payload: { stage: 'discuss' } });
  await options.duringDiscuss?.(entryIds);
  const { session: moderator } = await signedInUser(app, db, 'moderator');
  for (const id of entryIds) {
    const response = await injectAs(app, moderator, { method: 'PUT', url: `/api/submissions/${id}/shortlist`, payload: { rationale: '山水相依，读来好记，讨论中支持者众多。' } });
    if (response.statusCode !== 200) throw new Error(response.body);
  }
  await injectAs(app, admin, { method: 'POST', url: `/api/campaigns/${slug}/stage`, payload: { stage: 'refine' } });
  return { slug, entryIds, authors, moderator };
}

export const draftInput = (sourceSubmissionIds: string[], text = '坚韧顽强，开放包容') => ({ text, rationale: '吸收了入围表述中最常见的意思。', sourceSubmissionIds });

export async function createDraft(app: FastifyInstance, expert: Session, slug: string, sources: string[], text?: string): Promise<string> {
  const response = await injectAs(app, expert, { method: 'POST', url: `/api/campaigns/${slug}/drafts`, payload: draftInput(sources, text) });
  if (response.statusCode !== 201) throw new Error(response.body);
  return response.json().draft.id;
}

export const endorse = (app: FastifyInstance, expert: Session, id: string, stance: 'endorse' | 'object' = 'endorse') =>
  injectAs(app, expert, { method: 'PUT', url: `/api/drafts/${id}/endorsement`, payload: { stance } });

/** A draft endorsed by two experts and published (quorum 2). */
export async function publishedDraft(app: FastifyInstance, experts: [Session, Session], slug: string, sources: string[], text?: string): Promise<string> {
  const id = await createDraft(app, experts[0], slug, sources, text);
  for (const expert of experts) await endorse(app, expert, id);
  const response = await injectAs(app, experts[0], { method: 'POST', url: `/api/drafts/${id}/publish` });
  if (response.statusCode !== 200) throw new Error(response.body);
  return id;
}
