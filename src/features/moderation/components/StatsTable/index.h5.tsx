import type { StatsTableProps } from './types'
import './index.scss'

export type { StatsTableProps }

/**
 * The numbers of a chart as a real table (caption, column and row headings), for screen readers and for
 * anyone who wants the figures. Scrolls inside a focusable region, so a keyboard can scroll it too.
 */
export function StatsTable({ caption, columns, rows, id }: StatsTableProps) {
  return (
    <div className="stats-table__scroll" role="region" aria-label={caption} tabIndex={0}>
      <table className={`stats-table stats-table--${id}`}>
        <caption className="stats-table__caption">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              {row.cells.map((cell, i) =>
                i === 0 ? (
                  <th key={i} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={i}>{cell}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
