import type { Stage, StageAction } from '@city-spirit/shared';
import { AppError } from '../../errors.ts';

/** The one place that says what each stage allows; every feature asks assertStageAllows. */
export const STAGE_ALLOWS: Record<Stage, readonly StageAction[]> = {
  collect: ['submit', 'editOwnSubmission', 'withdrawOwnSubmission', 'vote', 'comment', 'report'],
  discuss: ['vote', 'comment', 'pairwise', 'report', 'shortlist'],
  refine: ['draft', 'commentOnDraft', 'voteOnDraft'],
  announced: [],
};

export function stageAllows(stage: Stage, action: StageAction): boolean {
  return STAGE_ALLOWS[stage].includes(action);
}

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
