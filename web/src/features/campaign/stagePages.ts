import type { Stage } from '@city-spirit/shared';
import { paths } from '../../paths.ts';

type StagePage = {
  path: (slug: string) => string;
  /** The link while the stage runs, and once it is over. */
  link: 'campaign.stagePages.refine' | 'campaign.stagePages.announced';
  linkAfter: 'campaign.stagePages.refineAfter' | 'campaign.stagePages.announced';
};

/** The page where residents take part in a stage, where it has one of its own beyond the entries. */
export const STAGE_PAGES: Record<Stage, StagePage | undefined> = {
  collect: undefined,
  discuss: undefined,
  refine: { path: paths.drafts, link: 'campaign.stagePages.refine', linkAfter: 'campaign.stagePages.refineAfter' },
  announced: { path: paths.result, link: 'campaign.stagePages.announced', linkAfter: 'campaign.stagePages.announced' },
};
