import { STAGE_ALLOWS, stageAllows, type Stage, type StageAction } from '@city-spirit/shared';
import { AppError } from '../../errors.ts';

export { STAGE_ALLOWS, stageAllows };

/** Every feature asks this before acting; the wrong stage is a 409 stage_closed that says when it is open. */
export function assertStageAllows(campaign: { stage: Stage }, action: StageAction): void {
  if (stageAllows(campaign.stage, action)) return;
  const when = (Object.keys(STAGE_ALLOWS) as Stage[]).filter((stage) => stageAllows(stage, action));
  throw new AppError(
    'stage_closed',
    409,
    `The campaign is in the ${campaign.stage} stage, which does not allow this${when.length ? ` (it is open during: ${when.join(', ')})` : ''}.`,
    { stage: campaign.stage },
  );
}

/**
 * The admin's stage change moves a campaign on, except into announced: a campaign is announced by
 * adopting one of its published drafts (POST /api/campaigns/:slug/adopt), so that it always has a result.
 */
export function assertStageChangeAllowed(campaign: { slug: string; stage: Stage }, stage: Stage): void {
  if (stage !== 'announced' || campaign.stage !== 'refine') return;
  throw new AppError(
    'conflict',
    409,
    `A campaign is announced by adopting one of its published drafts: POST /api/campaigns/${campaign.slug}/adopt with { "draftId" }.`,
    { stage: campaign.stage, adopt: `/api/campaigns/${campaign.slug}/adopt` },
  );
}
