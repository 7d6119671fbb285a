import { useEffect, useRef } from 'react'
import type { DailySeries } from '../../stats-model'
import { SERIES_COLORS } from './colors'
import './index.scss'

/** H5 draws each chart with uPlot; the mini-program file draws none. */
export const CHARTS_DRAWN = true

/**
 * One chart of 数据看板. uPlot and its stylesheet are fetched when the first chart mounts (a chunk of
 * their own), so neither the first load of the app nor the other moderation pages carry them. The
 * canvas is hidden from screen readers: the table beside it has the same numbers.
 */
export function StatsChart({ chart }: { chart: DailySeries }) {
  const box = useRef<HTMLDivElement>(null)
  useEffect(() => {
    let plot: { destroy(): void } | null = null
    let unmounted = false
    void import('./draw').then(({ drawChart }) => {
      if (!unmounted && box.current) plot = drawChart(box.current, chart)
    })
    return () => {
      unmounted = true
      plot?.destroy()
    }
  }, [chart])
  return (
    <div className={`stats-chart stats-chart--${chart.id}`} aria-hidden="true">
      <div className="stats-chart__plot" ref={box} />
      {chart.series.length > 1 ? (
        <div className="stats-chart__legend">
          {chart.series.map((s, i) => (
            <span key={s.label} className="stats-chart__key">
              <span className="stats-chart__swatch" style={{ background: SERIES_COLORS[i % SERIES_COLORS.length] }} />
              {s.label}
            </span>
          ))}
        </div>
      ) : null}
    </div>
  )
}
