import type { FastifyInstance } from 'fastify';
import { randomBytes } from 'node:crypto';
import type { CampaignSettings, Stage } from '@city-spirit/shared';
import { injectAs, type Session } from './accounts.ts';

/** A new campaign through the admin API, optionally with settings and moved on to a later stage. */
export async function createCampaign(
  app: FastifyInstance,
  admin: Session,
  options: { settings?: Partial<CampaignSettings>; stage?: Stage } = {},
): Promise<string> {
  const slug = `city-${randomBytes(4).toString('hex')}`;
  const created = await injectAs(app, admin, {
    method: 'POST',
    url: '/api/campaigns',
    payload: { slug, title: `Test city ${slug}`, description: 'A campaign made by a test.', settings: options.settings ?? {} },
  });
  if (created.statusCode !== 201) throw new Error(`campaign not created: ${created.body}`);
  const stages: Stage[] = ['discuss', 'refine', 'announced'];
  for (const stage of stages.slice(0, stages.indexOf(options.stage ?? 'collect') + 1)) {
    await injectAs(app, admin, { method: 'POST', url: `/api/campaigns/${slug}/stage`, payload: { stage } });
  }
  return slug;
}
