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
 * A waterfall: the first and last bars stand on zero (totals), each step floats on the running total, green when it
 * adds, red when it takes away; built as a transparent base stacked under the visible step.
 */
export function waterfall(steps: readonly { readonly name: string; readonly value: number }[], start: { name: string; value: number }, end: { name: string; value: number }, yName: string): unknown {
  const names = [start.name, ...steps.map((s) => s.name), end.name];
  const base: number[] = [0];
  const up: (number | string)[] = [start.value];
  const down: (number | string)[] = ['-'];
  let running = start.value;
  for (const step of steps) {
    const next = Math.round((running + step.value) * 100) / 100;
    base.push(Math.min(running, next));
    up.push(step.value >= 0 ? step.value : '-');
    down.push(step.value < 0 ? -step.value : '-');
    running = next;
  }
  base.push(0);
  up.push(end.value);
  down.push('-');
  return {
    ...BASE,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 96, right: 24, top: 40, bottom: 120 },
    legend: { top: 8, data: ['+', '−'] },
    xAxis: { type: 'category', data: names, axisLabel: { rotate: 40, interval: 0 } },
    yAxis: { type: 'value', name: yName, scale: true },
    series: [
      { name: 'base', type: 'bar', stack: 'w', itemStyle: { color: 'transparent', borderColor: 'transparent' }, emphasis: { disabled: true }, tooltip: { show: false }, data: base },
      { name: '+', type: 'bar', stack: 'w', itemStyle: { color: '#2f855a' }, data: up },
      { name: '−', type: 'bar', stack: 'w', itemStyle: { color: '#c53030' }, data: down },
    ],
  };
}
