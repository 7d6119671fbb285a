import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import type { DailySeries } from '../../stats-model'
import { SERIES_COLORS } from './colors'

const HEIGHT = 220
/** Whole days and whole counts only: no tick between two days, no half a report. */
const WHOLE_STEPS = [1, 2, 5, 7, 10, 14, 20, 30, 50, 100, 200, 500, 1000, 2000, 5000, 10000]

/** Draws one chart into `box`, its width; x is the day's index, labelled with the day. */
export function drawChart(box: HTMLElement, chart: DailySeries): uPlot {
  const x = chart.days.map((_, i) => i)
  return new uPlot(
    {
      width: Math.max(280, box.clientWidth),
      height: HEIGHT,
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: false }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
      axes: [
        { incrs: WHOLE_STEPS, values: (_u, splits) => splits.map((i) => chart.days[i] ?? '') },
        { incrs: WHOLE_STEPS, size: 40 },
      ],
      series: [
        {},
        ...chart.series.map((s, i) => ({
          label: s.label,
          stroke: SERIES_COLORS[i % SERIES_COLORS.length],
          width: 2,
          points: { show: chart.days.length <= 31 },
        })),
      ],
    },
    [x, ...chart.series.map((s) => s.values)],
    box,
  )
}
