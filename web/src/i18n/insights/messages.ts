import type { insightsZhCN } from './zh-CN.ts';

type Widen<T> = T extends string ? string : { readonly [Key in keyof T]: Widen<T[Key]> };

/** The shape of the dashboard's catalog: the zh-CN keys, with any text as values. */
export type InsightsMessages = Widen<typeof insightsZhCN>;
