import type { Stage } from '@city-spirit/shared';
import { paths } from '../../paths.ts';

/** The page where residents take part in a stage, where it has one of its own beyond the entries. */
export const STAGE_PAGES: Record<Stage, { path: (slug: string) => string; link: 'campaign.stagePages.refine' | 'campaign.stagePages.announced' } | undefined> = {
  collect: undefined,
  discuss: undefined,
  refine: { path: paths.drafts, link: 'campaign.stagePages.refine' },
  announced: { path: paths.result, link: 'campaign.stagePages.announced' },
};
