import { BarChart, PieChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, PieChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, CanvasRenderer]);

export interface Datum {
  name: string;
  value: number;
  /** People received, shown beside the count in the numbers table when known. */
  people?: number;
}

export type ChartKind = 'bar' | 'column' | 'pie';

/** A bar or pie chart of named counts; ECharts' aria text describes it to screen readers. */
export function Chart({ kind, data, label }: { kind: ChartKind; data: Datum[]; label: string }) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | undefined>(undefined);

  useEffect(() => {
    if (!element.current) return;
    const instance = echarts.init(element.current, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const resize = () => instance.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      instance.dispose();
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(
      kind === 'pie'
        ? {
            aria: { enabled: true, label: { description: label } },
            tooltip: { trigger: 'item' },
            legend: { bottom: 0, type: 'scroll' },
            series: [{ type: 'pie', radius: ['35%', '65%'], data, label: { formatter: '{b}: {c}' } }],
          }
        : kind === 'column'
          ? {
              aria: { enabled: true, label: { description: label } },
              tooltip: { trigger: 'axis' },
              grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
              xAxis: { type: 'category', data: data.map((d) => d.name) },
              yAxis: { type: 'value', minInterval: 1 },
              series: [{ type: 'bar', data: data.map((d) => d.value), label: { show: true, position: 'top' } }],
            }
          : {
              aria: { enabled: true, label: { description: label } },
              tooltip: { trigger: 'axis' },
              grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
              xAxis: { type: 'value', minInterval: 1 },
              yAxis: {
                type: 'category',
                inverse: true,
                data: data.map((d) => d.name),
                axisLabel: { width: 140, overflow: 'truncate' },
              },
              series: [{ type: 'bar', data: data.map((d) => d.value), label: { show: true, position: 'right' } }],
            },
      { notMerge: true },
    );
  }, [kind, data, label]);

  const height = kind === 'bar' ? Math.max(160, data.length * 28 + 40) : kind === 'column' ? 260 : 300;
  return <div ref={element} role="img" aria-label={label} style={{ width: '100%', height }} />;
}
