import { sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import {
  ASSESSMENT_SCORE_MAX,
  ASSESSMENT_SCORE_MIN,
  canSeeAssessments,
  canSeeSubmission,
  isPanelMember,
  isShortlisted,
  type AssessmentSummary,
  type Criterion,
  type PolicyViewer,
  type Role,
  type SubmissionStatus,
  type assessmentPutSchema,
} from '@city-spirit/shared';
import type { Database, Executor } from '../../db/client.ts';
import { auditLog } from '../../db/schema.ts';
import { statusIn } from '../../db/status-sql.ts';
import { AppError, conflict, forbidden, notFound, unauthenticated, type FieldError } from '../../errors.ts';
import { campaignRules, type CampaignRules } from '../campaigns/service.ts';
import { assertStageAllows } from '../campaigns/stages.ts';
import { byOverall, toAssessmentSummary, type SummaryRow } from './present.ts';

export type Panelist = { id: string; role: Role };

export async function listCriteria(db: Executor, slug: string): Promise<{ items: Criterion[] }> {
  return { items: (await campaignRules(db, { slug })).settings.criteria };
}

const keyList = (criteria: readonly Criterion[]): SQL => sql.join(criteria.map((criterion) => sql`${criterion.key}`), sql`, `);

/**
 * Per shortlisted entry: how many experts scored it and, for each criterion the campaign has now, the
 * mean, population standard deviation, min and max of their scores; for the panel also the viewer's
 * own assessment and the experts' notes. One query, in the shortlist's order.
 */
async function summaryRows(db: Executor, campaign: CampaignRules, viewer: PolicyViewer, submissionId?: string): Promise<SummaryRow[]> {
  const panel = isPanelMember(viewer) ? viewer : null;
  const { rows } = await db.execute<SummaryRow>(sql`
    WITH entries AS (
      SELECT s.id, s.phrase, se.created_at AS shortlisted_at
      FROM shortlist_entries se JOIN submissions s ON s.id = se.submission_id
      WHERE se.campaign_id = ${campaign.id} AND ${statusIn('s.status', 'draftSources')} ${submissionId ? sql`AND s.id = ${submissionId}` : sql``}
    ), figures AS (
      SELECT a.submission_id, k.key, avg(k.value::int) AS mean, stddev_pop(k.value::int) AS spread, min(k.value::int) AS min, max(k.value::int) AS max
      FROM assessments a JOIN entries e ON e.id = a.submission_id CROSS JOIN LATERAL jsonb_each_text(a.scores) k
      WHERE k.key IN (${keyList(campaign.settings.criteria)}) AND k.value ~ '^[0-9]+$'
      GROUP BY a.submission_id, k.key
    )
    SELECT e.id, e.phrase,
      (SELECT count(*)::int FROM assessments a WHERE a.submission_id = e.id) AS experts,
      (SELECT json_object_agg(f.key, json_build_object('mean', f.mean, 'spread', f.spread, 'min', f.min, 'max', f.max))
        FROM figures f WHERE f.submission_id = e.id) AS criteria,
      ${
        panel
          ? sql`(SELECT json_build_object('scores', a.scores, 'note', a.note, 'updatedAt', a.updated_at)
                FROM assessments a WHERE a.submission_id = e.id AND a.expert_id = ${panel.id}) AS mine,
              (SELECT json_agg(json_build_object('displayName', u.display_name, 'note', a.note, 'updatedAt', a.updated_at) ORDER BY a.updated_at, a.expert_id)
                FROM assessments a JOIN users u ON u.id = a.expert_id WHERE a.submission_id = e.id AND a.note IS NOT NULL) AS notes`
          : sql`NULL::json AS mine, NULL::json AS notes`
      }
    FROM entries e ORDER BY e.shortlisted_at, e.id`);
  return rows;
}

async function summaries(db: Executor, campaign: CampaignRules, viewer: PolicyViewer, submissionId?: string): Promise<AssessmentSummary[]> {
  const rows = await summaryRows(db, campaign, viewer, submissionId);
  return rows.map((row) => toAssessmentSummary(row, campaign.settings.criteria)).sort(byOverall);
}

/** The panel sees its figures as they are made; everyone else once the result is announced. */
export async function listAssessments(db: Executor, viewer: PolicyViewer, slug: string): Promise<{ items: AssessmentSummary[] }> {
  const campaign = await campaignRules(db, { slug });
  if (!canSeeAssessments(viewer, campaign.stage)) {
    if (!viewer) throw unauthenticated();
    throw forbidden("The panel's assessments are shown when the result is announced.");
  }
  return { items: await summaries(db, campaign, viewer) };
}

/** Exactly one score per criterion of the campaign: each missing and each unknown key is named. */
function assertScoresFit(criteria: readonly Criterion[], scores: Record<string, number>): void {
  const keys = new Set(criteria.map((criterion) => criterion.key));
  const errors: FieldError[] = [
    ...[...keys].filter((key) => !Object.hasOwn(scores, key)).map((key) => ({ path: `body.scores.${key}`, message: `give this criterion a score from ${ASSESSMENT_SCORE_MIN} to ${ASSESSMENT_SCORE_MAX}` })),
    ...Object.keys(scores)
      .filter((key) => !keys.has(key))
      .map((key) => ({ path: `body.scores.${key}`, message: `not a criterion of this campaign; score only ${[...keys].join(', ')}` })),
  ];
  if (!errors.length) return;
  throw new AppError('validation_failed', 400, `The request is not valid. ${errors.map((error) => `${error.path}: ${error.message}`).join('; ')}`, { errors });
}

/** The entry, shared-locked so that it cannot leave the shortlist while it is being assessed. */
async function entryToAssess(tx: Executor, id: string, expert: Panelist) {
  const { rows } = await tx.execute<{ id: string; campaign_id: string; author_id: string; status: SubmissionStatus }>(sql`
    SELECT id, campaign_id, author_id, status FROM submissions WHERE id = ${id} FOR SHARE`);
  const entry = rows[0];
  if (!entry || !canSeeSubmission({ status: entry.status, authorId: entry.author_id }, expert)) throw notFound('There is no such entry.');
  return entry;
}

/**
 * An expert's scores for a shortlisted entry, one per criterion of the campaign; a new assessment
 * replaces the expert's earlier one. Audited like the other staff decisions.
 */
export async function assessEntry(db: Database, expert: Panelist, submissionId: string, input: z.output<typeof assessmentPutSchema>): Promise<AssessmentSummary> {
  const campaign = await db.transaction(async (tx) => {
    const entry = await entryToAssess(tx, submissionId, expert);
    // The campaign's row shared before its stage is read, so that the stage cannot move on before the assessment is written.
    await tx.execute(sql`SELECT id FROM campaigns WHERE id = ${entry.campaign_id} FOR SHARE`);
    const campaign = await campaignRules(tx, { id: entry.campaign_id });
    assertStageAllows(campaign, 'assess');
    if (!isShortlisted(entry)) throw conflict(`This entry is ${entry.status}; only shortlisted entries are assessed.`);
    assertScoresFit(campaign.settings.criteria, input.scores);
    const note = input.note || null;
    const { rows } = await tx.execute<{ created: boolean }>(sql`
      INSERT INTO assessments (submission_id, expert_id, campaign_id, scores, note)
      VALUES (${entry.id}, ${expert.id}, ${campaign.id}, ${JSON.stringify(input.scores)}::jsonb, ${note})
      ON CONFLICT (submission_id, expert_id) DO UPDATE SET scores = excluded.scores, note = excluded.note, updated_at = now()
      RETURNING (xmax = 0) AS created`);
    await tx.insert(auditLog).values({
      actorId: expert.id,
      actorRole: expert.role,
      action: 'submission.assessed',
      targetType: 'submission',
      targetId: entry.id,
      reason: rows[0]!.created ? 'assessment given' : 'assessment replaced',
      details: { campaignId: campaign.id, scores: input.scores },
    });
    return campaign;
  });
  const [summary] = await summaries(db, campaign, expert, submissionId);
  if (!summary) throw notFound('This entry is no longer on the shortlist.');
  return summary;
}
