import type { DailySeries } from '../../stats-model'

/** Mini-programs: no chart library in the package (the tables show the numbers; the page says so). */
export const CHARTS_DRAWN = false

export function StatsChart(_props: { chart: DailySeries }) {
  return null
}
