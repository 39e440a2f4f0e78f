import 'i18next';
import type { insightsZhCN } from './insights/zh-CN.ts';
import type { zhCN } from './zh-CN.ts';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCN; insights: typeof insightsZhCN };
  }
}
