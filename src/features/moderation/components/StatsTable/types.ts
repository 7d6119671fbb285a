export interface StatsTableProps {
  /** What the table shows, read first by a screen reader (the chart beside it says the same). */
  caption: string
  /** Column headings; each row's first cell is its row heading. */
  columns: string[]
  rows: Array<{ key: string; cells: Array<string | number> }>
  /** Names the table for tests and styles (`stats-table--<id>`). */
  id: string
}
