import { z } from 'zod';

/** Licences a campaign may publish its data under; the admin picks one (setting `dataLicence`). */
export const DATA_LICENCES = {
  'CC-BY-4.0': { name: 'Creative Commons Attribution 4.0 International', url: 'https://creativecommons.org/licenses/by/4.0/' },
  'CC-BY-SA-4.0': { name: 'Creative Commons Attribution-ShareAlike 4.0 International', url: 'https://creativecommons.org/licenses/by-sa/4.0/' },
  'CC0-1.0': { name: 'Creative Commons Zero 1.0 Universal (public domain dedication)', url: 'https://creativecommons.org/publicdomain/zero/1.0/' },
  'ODbL-1.0': { name: 'Open Data Commons Open Database License 1.0', url: 'https://opendatacommons.org/licenses/odbl/1-0/' },
  'PDDL-1.0': { name: 'Open Data Commons Public Domain Dedication and License 1.0', url: 'https://opendatacommons.org/licenses/pddl/1-0/' },
} as const satisfies Record<string, { name: string; url: string }>;
export type DataLicenceId = keyof typeof DATA_LICENCES;
export const dataLicenceIdSchema = z
  .enum(Object.keys(DATA_LICENCES) as [DataLicenceId, ...DataLicenceId[]])
  .describe('The licence of the campaign\'s open data (SPDX identifier), stated in every export and on the open data page');
export const DEFAULT_DATA_LICENCE: DataLicenceId = 'CC-BY-4.0';

export const dataLicenceSchema = z
  .object({ id: dataLicenceIdSchema, name: z.string(), url: z.url() })
  .meta({ id: 'DataLicence' });
export type DataLicence = z.infer<typeof dataLicenceSchema>;

export const dataLicence = (id: DataLicenceId): DataLicence => ({ id, ...DATA_LICENCES[id] });

export const OPEN_DATA_COLUMN_TYPES = ['string', 'integer', 'number', 'boolean', 'datetime', 'statusHistory'] as const;
export type OpenDataColumnType = (typeof OPEN_DATA_COLUMN_TYPES)[number];

export type OpenDataColumn = {
  name: string;
  type: OpenDataColumnType;
  nullable: boolean;
  description: { 'zh-CN': string; en: string };
  example: string;
};

/**
 * The columns of a campaign's open data, in order: the CSV header, the keys of each JSON item,
 * the OpenAPI description of the exports and the open data page are all made from this list.
 */
export const OPEN_DATA_COLUMNS = [
  {
    name: 'id',
    type: 'string',
    nullable: false,
    description: { 'zh-CN': '征集条目的编号（UUID），与网站上条目页地址中的编号相同。', en: 'The entry’s id (a UUID), the same as in the address of its page on the site.' },
    example: '0b7c6a2e-3f1d-4c1e-9a57-2f4d1e6c8b90',
  },
  {
    name: 'phrase',
    type: 'string',
    nullable: false,
    description: { 'zh-CN': '提交的表述语，原文。', en: 'The submitted phrase, as written.' },
    example: '山水之城，美丽之地',
  },
  {
    name: 'explanation',
    type: 'string',
    nullable: false,
    description: { 'zh-CN': '作者对表述语的说明（可为空字符串）。', en: 'The author’s explanation of the phrase (may be an empty string).' },
    example: '山环水绕，城在山中。',
  },
  {
    name: 'language',
    type: 'string',
    nullable: false,
    description: { 'zh-CN': '表述语的语言：zh（中文）或 en（英文）。', en: 'The language of the phrase: zh (Chinese) or en (English).' },
    example: 'zh',
  },
  {
    name: 'districtCode',
    type: 'string',
    nullable: true,
    description: { 'zh-CN': '条目所属区县的六位行政区划代码；来自重庆以外或未填写时为空。', en: 'The six-digit administrative code of the entry’s district; empty when from outside Chongqing or not given.' },
    example: '500103',
  },
  {
    name: 'districtNameZh',
    type: 'string',
    nullable: true,
    description: { 'zh-CN': '区县的中文名称。', en: 'The district’s name in Chinese.' },
    example: '渝中区',
  },
  {
    name: 'districtNameEn',
    type: 'string',
    nullable: true,
    description: { 'zh-CN': '区县的英文名称。', en: 'The district’s name in English.' },
    example: 'Yuzhong District',
  },
  {
    name: 'status',
    type: 'string',
    nullable: false,
    description: { 'zh-CN': '条目状态：published（已发布）、shortlisted（入围）或 merged（已合并到另一条目）。', en: 'The entry’s status: published, shortlisted, or merged (into another entry).' },
    example: 'published',
  },
  {
    name: 'createdAt',
    type: 'datetime',
    nullable: false,
    description: { 'zh-CN': '提交时间，ISO 8601 格式的 UTC 时间。', en: 'When it was submitted, ISO 8601 in UTC.' },
    example: '2026-03-01T08:30:00.000Z',
  },
  {
    name: 'updatedAt',
    type: 'datetime',
    nullable: false,
    description: { 'zh-CN': '最后一次修改时间（作者修改文字或状态变化），ISO 8601 格式的 UTC 时间。', en: 'When it last changed (edited by its author, or its status changed), ISO 8601 in UTC.' },
    example: '2026-03-02T10:00:00.000Z',
  },
  {
    name: 'voteCount',
    type: 'integer',
    nullable: true,
    description: { 'zh-CN': '支持票数；活动在征集和讨论阶段隐藏票数时为空。', en: 'Support votes; empty while the campaign hides vote counts (in its collect and discuss stages).' },
    example: '128',
  },
  {
    name: 'commentCount',
    type: 'integer',
    nullable: false,
    description: { 'zh-CN': '评论数，与条目页上显示的相同。', en: 'Comments on it, as its page counts them.' },
    example: '12',
  },
  {
    name: 'supportComments',
    type: 'integer',
    nullable: false,
    description: { 'zh-CN': '表明“支持”立场的评论数。', en: 'Comments that take the stance “support”.' },
    example: '7',
  },
  {
    name: 'opposeComments',
    type: 'integer',
    nullable: false,
    description: { 'zh-CN': '表明“反对”立场的评论数。', en: 'Comments that take the stance “oppose”.' },
    example: '2',
  },
  {
    name: 'neutralComments',
    type: 'integer',
    nullable: false,
    description: { 'zh-CN': '表明“中立”立场的评论数。', en: 'Comments that take the stance “neutral”.' },
    example: '3',
  },
  {
    name: 'pairwiseScore',
    type: 'number',
    nullable: true,
    description: {
      'zh-CN': '两两比较得分（0–100）：在随机一对比较中胜过另一条目的估计概率（Bradley–Terry 模型）；尚未参与有胜负的比较时为空。',
      en: 'Pairwise score (0–100): the estimated chance of beating a randomly chosen other entry (Bradley–Terry fit); empty until it took part in a comparison with a winner.',
    },
    example: '63.4',
  },
  {
    name: 'pairwiseScoreLow',
    type: 'number',
    nullable: true,
    description: { 'zh-CN': '得分 95% 区间的下限。', en: 'The lower end of the score’s 95 % interval.' },
    example: '51.2',
  },
  {
    name: 'pairwiseScoreHigh',
    type: 'number',
    nullable: true,
    description: { 'zh-CN': '得分 95% 区间的上限。', en: 'The upper end of the score’s 95 % interval.' },
    example: '74.9',
  },
  {
    name: 'pairwiseComparisons',
    type: 'integer',
    nullable: false,
    description: { 'zh-CN': '参与的有效两两比较次数（含跳过）。', en: 'Valid pairwise comparisons it took part in, skips included.' },
    example: '40',
  },
  {
    name: 'shortlisted',
    type: 'boolean',
    nullable: false,
    description: { 'zh-CN': '是否入围（供专家组评审和起草）：true 或 false。', en: 'Whether it is on the shortlist the expert panel assesses and drafts from: true or false.' },
    example: 'true',
  },
  {
    name: 'shortlistRationale',
    type: 'string',
    nullable: true,
    description: { 'zh-CN': '入围理由；未入围时为空。', en: 'Why it was shortlisted; empty when it is not.' },
    example: '讨论中支持较多，表述有地域特色。',
  },
  {
    name: 'mergedIntoId',
    type: 'string',
    nullable: true,
    description: { 'zh-CN': '已合并时，所合并到的条目编号；否则为空。', en: 'For a merged entry, the id of the entry it was merged into; otherwise empty.' },
    example: '',
  },
  {
    name: 'statusHistory',
    type: 'statusHistory',
    nullable: false,
    description: {
      'zh-CN':
        '公开的管理操作记录，按时间先后：approve（审核通过）、hide（隐藏）、restore（恢复）、reject（驳回）、merge（合并）、shortlist（入围）、unshortlist（移出入围）。JSON 中为 [{ "action", "at" }] 数组；CSV 中写作 操作@时间，以分号分隔。不含操作者。',
      en:
        'The public moderation actions on the entry, oldest first: approve, hide, restore, reject, merge, shortlist, unshortlist. In JSON an array of { "action", "at" }; in CSV written action@time, separated by semicolons. Never who acted.',
    },
    example: 'shortlist@2026-03-05T09:00:00.000Z',
  },
] as const satisfies readonly OpenDataColumn[];

export type OpenDataColumnName = (typeof OPEN_DATA_COLUMNS)[number]['name'];

export const statusHistoryEventSchema = z.object({ action: z.string(), at: z.iso.datetime() });
export type StatusHistoryEvent = z.infer<typeof statusHistoryEventSchema>;

/** One entry of the open data, keyed by column name. */
export type OpenDataRow = {
  [Name in OpenDataColumnName]: Name extends 'statusHistory'
    ? StatusHistoryEvent[]
    : Name extends 'shortlisted'
      ? boolean
      : Name extends 'voteCount' | 'pairwiseScore' | 'pairwiseScoreLow' | 'pairwiseScoreHigh'
        ? number | null
        : Name extends 'commentCount' | 'supportComments' | 'opposeComments' | 'neutralComments' | 'pairwiseComparisons'
          ? number
          : Name extends 'districtCode' | 'districtNameZh' | 'districtNameEn' | 'shortlistRationale' | 'mergedIntoId'
            ? string | null
            : string;
};

/** A cell of the CSV: empty for null, ISO times as they are, the status history as action@time;… */
export function openDataCsvCell(value: OpenDataRow[OpenDataColumnName]): string {
  if (value === null) return '';
  if (Array.isArray(value)) return value.map((event) => `${event.action}@${event.at}`).join(';');
  return String(value);
}

export const openDataColumnSchema = z
  .object({
    name: z.string(),
    type: z.enum(OPEN_DATA_COLUMN_TYPES),
    nullable: z.boolean().describe('Whether the value may be empty (null in JSON, an empty cell in CSV)'),
    description: z.object({ 'zh-CN': z.string(), en: z.string() }),
    example: z.string().describe('An example value as the CSV writes it'),
  })
  .meta({ id: 'OpenDataColumn' });

export const openDataSchemaSchema = z
  .object({
    campaign: z.object({ slug: z.string(), title: z.string(), stage: z.string() }),
    licence: dataLicenceSchema,
    formats: z.array(z.object({ format: z.enum(['csv', 'json']), url: z.string(), mediaType: z.string() })),
    columns: z.array(openDataColumnSchema),
  })
  .meta({ id: 'OpenDataSchema' });
export type OpenDataSchema = z.infer<typeof openDataSchemaSchema>;

const markdownCell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

/** The column list as a Markdown table, for the OpenAPI description of the exports. */
export function openDataColumnsMarkdown(): string {
  const rows = OPEN_DATA_COLUMNS.map(
    (column) => `| ${column.name} | ${column.type}${column.nullable ? ' (nullable)' : ''} | ${markdownCell(column.description.en)} | ${markdownCell(column.description['zh-CN'])} | ${markdownCell(column.example)} |`,
  );
  return ['| column | type | description | 说明 | example |', '|---|---|---|---|---|', ...rows].join('\n');
}
