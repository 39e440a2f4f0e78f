import { i18n } from '../../i18n/index.ts';
import { insightsEn } from '../../i18n/insights/en.ts';
import { insightsZhCN } from '../../i18n/insights/zh-CN.ts';

// The dashboard's texts come with its lazy chunk, so the other pages do not carry them.
i18n.addResourceBundle('zh-CN', 'insights', insightsZhCN, true, true);
i18n.addResourceBundle('en', 'insights', insightsEn, true, true);
