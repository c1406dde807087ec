// ECharts options of the reports, as plain JSON (no functions), so they sit in the page as data. Animation is off:
// a chart is complete when drawn, for a reader printing it and for the screenshot the browser test takes.

const BASE = { animation: false, tooltip: { trigger: 'axis' }, grid: { left: 80, right: 24, top: 48, bottom: 56 } };

export interface Series {
  readonly name: string;
  readonly values: readonly number[];
}

export function stackedBars(categories: readonly string[], series: readonly Series[], yName: string): unknown {
  return {
    ...BASE,
    legend: { type: 'scroll', top: 8 },
    xAxis: { type: 'category', data: categories },
    yAxis: { type: 'value', name: yName },
    dataZoom: categories.length > 24 ? [{ type: 'slider', bottom: 8 }] : [],
    series: series.map((s) => ({ name: s.name, type: 'bar', stack: 'total', emphasis: { focus: 'series' }, data: s.values })),
  };
}

export function lines(categories: readonly string[], series: readonly Series[], yName: string, area = false): unknown {
  return {
    ...BASE,
    legend: { top: 8 },
    xAxis: { type: 'category', data: categories, boundaryGap: false },
    yAxis: { type: 'value', name: yName },
    series: series.map((s) => ({ name: s.name, type: 'line', ...(area ? { areaStyle: { opacity: 0.25 } } : {}), data: s.values })),
  };
}

export function groupedBars(categories: readonly string[], series: readonly Series[], yName: string): unknown {
  return {
    ...BASE,
    legend: { top: 8 },
    xAxis: { type: 'category', data: categories },
    yAxis: { type: 'value', name: yName },
    series: series.map((s) => ({ name: s.name, type: 'bar', data: s.values })),
  };
}

export function horizontalBars(categories: readonly string[], values: readonly number[], name: string): unknown {
  return {
    ...BASE,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 110, right: 32, top: 16, bottom: 32 },
    xAxis: { type: 'value', name },
    yAxis: { type: 'category', data: [...categories].reverse() },
    series: [{ name, type: 'bar', data: [...values].reverse(), label: { show: true, position: 'right' } }],
  };
}

/**
 * A waterfall: the first and last bars are totals, each step floats on the running total, green when it adds, red
 * when it takes away (a transparent base stacked under the visible step). The value axis starts just below the
 * lowest running total, so steps of a few hundred yuan stay visible beside totals of millions.
 */
export function waterfall(steps: readonly { readonly name: string; readonly value: number }[], start: { name: string; value: number }, end: { name: string; value: number }, yName: string): unknown {
  const names = [start.name, ...steps.map((s) => s.name), end.name];
  const cents = (n: number): number => Math.round(n * 100) / 100;
  const base: (number | string)[] = ['-'];
  const total: (number | string)[] = [start.value];
  const up: (number | string)[] = ['-'];
  const down: (number | string)[] = ['-'];
  const levels = [start.value, end.value];
  let running = start.value;
  for (const step of steps) {
    const next = cents(running + step.value);
    base.push(Math.min(running, next));
    total.push('-');
    up.push(step.value >= 0 ? step.value : '-');
    down.push(step.value < 0 ? cents(-step.value) : '-');
    levels.push(next);
    running = next;
  }
  base.push('-');
  total.push(end.value);
  up.push('-');
  down.push('-');
  const lo = Math.min(...levels);
  const span = Math.max(...levels) - lo;
  const floor = span > 0 && lo > 0 ? Math.max(0, lo - 2 * span) : Math.min(0, lo);
  const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(Math.max(1, span))));
  return {
    ...BASE,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 96, right: 24, top: 40, bottom: 120 },
    legend: { top: 8, data: ['+', '−'] },
    xAxis: { type: 'category', data: names, axisLabel: { rotate: 30, interval: 0 } },
    yAxis: { type: 'value', name: yName, min: Math.floor(floor / magnitude) * magnitude },
    series: [
      { name: 'base', type: 'bar', stack: 'w', silent: true, itemStyle: { color: 'transparent', borderColor: 'transparent' }, tooltip: { show: false }, data: base },
      { name: yName, type: 'bar', stack: 'w', itemStyle: { color: '#3b5bdb' }, data: total },
      { name: '+', type: 'bar', stack: 'w', itemStyle: { color: '#2f855a' }, data: up },
      { name: '−', type: 'bar', stack: 'w', itemStyle: { color: '#c53030' }, data: down },
    ],
  };
}

/** A box of a box plot: [min, p5, median, p95, max]. */
export type Box = readonly [number, number, number, number, number];

/** Boxes shown at once in a box plot; more are reached with the slider beside them. */
export const VISIBLE_BOXES = 24;

/**
 * Box plots of figures across seeds, one box per figure: whiskers at min and max, the box from p5 to p95, the line
 * at the median. ECharts calls the box's edges Q1 and Q3; `dimensions` names them p5 and p95 so the tooltip says
 * what they are. Horizontal (figures down the side, in the table's order), so long figure names stay readable; the
 * value axis fits the boxes instead of starting at 0, since a figure's spread is small beside its size.
 */
export function boxPlot(categories: readonly string[], boxes: readonly Box[], valueName: string): unknown {
  return {
    animation: false,
    tooltip: { trigger: 'item' },
    grid: { left: 130, right: categories.length > VISIBLE_BOXES ? 48 : 24, top: 28, bottom: 28 },
    xAxis: { type: 'value', name: valueName, scale: true },
    yAxis: { type: 'category', data: categories, inverse: true },
    dataZoom: categories.length > VISIBLE_BOXES ? [{ type: 'slider', yAxisIndex: 0, right: 8, width: 18, startValue: 0, endValue: VISIBLE_BOXES - 1 }] : [],
    series: [{ name: valueName, type: 'boxplot', itemStyle: { color: '#dbe4ff', borderColor: '#3b5bdb', borderWidth: 1.5 }, dimensions: ['figure', 'min', 'p5', 'median', 'p95', 'max'], data: boxes }],
  };
}

/** The chart's height for `count` boxes: a row each, up to the visible ones. */
export function boxPlotHeight(count: number): number {
  return 56 + 30 * Math.min(Math.max(count, 1), VISIBLE_BOXES);
}
