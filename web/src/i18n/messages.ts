import type { zhCN } from './zh-CN.ts';

/** The shape of a message catalog: the zh-CN keys, with any text as values. */
type Widen<T> = T extends string
  ? string
  : T extends readonly (infer Item)[]
    ? readonly Widen<Item>[]
    : { readonly [Key in keyof T]: Widen<T[Key]> };

export type Messages = Widen<typeof zhCN>;
