// Only what the dashboard draws, so the chunk stays small; this module is reached through the lazy route alone.
import * as echarts from 'echarts/core';
import { BarChart, FunnelChart, LineChart, PieChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import 'echarts-wordcloud';

echarts.use([BarChart, FunnelChart, LineChart, PieChart, AriaComponent, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export { echarts };
export type { EChartsCoreOption as ChartOption } from 'echarts/core';

/** The site's own colours (styles.css), in the order series take them. */
export const CHART_COLOURS = ['#9b1c1f', '#4f8a83', '#c48a3a', '#8a5a12', '#57504a', '#6e1316'];
export const INK = '#1c1917';
export const INK_MUTED = '#57504a';
export const LINE = '#e4ddd2';

/** ECharts draws on a canvas, so it needs the font stack by name: Chinese fonts first, as the stylesheet does. */
export const CHART_FONT =
  "'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";
