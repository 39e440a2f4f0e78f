import { useEffect, useRef } from 'react';
import { currentLocale } from '../../i18n/index.ts';
import { CHART_COLOURS, CHART_FONT, INK, echarts, type ChartOption } from './charts/echarts.ts';

type ChartEvents = { click?: (params: { name?: string; dataIndex?: number }) => void };

type Props = {
  option: ChartOption;
  /** What the chart shows, in words: ECharts puts it on the canvas for screen readers. */
  description: string;
  height: number;
  events?: ChartEvents;
};

/**
 * One ECharts instance on a div: set up once, given each new option, resized with its box and
 * disposed with the component. Tooltips are drawn on the canvas (renderMode richText), so the strict
 * CSP, which forbids inline style attributes, has nothing to refuse.
 */
export function EChart({ option, description, height, events }: Props) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const handlers = useRef(events);
  handlers.current = events;

  useEffect(() => {
    const box = element.current;
    if (!box) return;
    const instance = echarts.init(box, null, { renderer: 'canvas', locale: currentLocale() === 'en' ? 'EN' : 'ZH' });
    chart.current = instance;
    instance.on('click', (params) => handlers.current?.click?.(params as { name?: string; dataIndex?: number }));
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(box);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(
      {
        color: CHART_COLOURS,
        textStyle: { fontFamily: CHART_FONT, color: INK },
        animationDuration: 400,
        ...option,
        tooltip: { renderMode: 'richText', ...((option.tooltip as object | undefined) ?? {}) },
        aria: { enabled: true, label: { enabled: true, description } },
      },
      { notMerge: true },
    );
  }, [option, description]);

  return <div ref={element} className="insights-chart__canvas" style={{ height }} />;
}
