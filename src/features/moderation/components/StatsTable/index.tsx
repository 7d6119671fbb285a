import { Text, View } from '@tarojs/components'
import type { StatsTableProps } from './types'
import './index.scss'

export type { StatsTableProps }

/** The mini-programs have no <table>: rows of views with the table's roles (the H5 file draws a real one). */
export function StatsTable({ caption, columns, rows, id }: StatsTableProps) {
  return (
    <View className={`stats-table stats-table--${id}`} ariaRole="table" ariaLabel={caption}>
      <Text className="stats-table__caption">{caption}</Text>
      <View className="stats-table__row stats-table__row--head" ariaRole="row">
        {columns.map((column) => (
          <View key={column} className="stats-table__cell" ariaRole="columnheader">
            {column}
          </View>
        ))}
      </View>
      {rows.map((row) => (
        <View key={row.key} className="stats-table__row" ariaRole="row">
          {row.cells.map((cell, i) => (
            <View key={i} className="stats-table__cell" ariaRole={i === 0 ? 'rowheader' : 'cell'}>
              {cell}
            </View>
          ))}
        </View>
      ))}
    </View>
  )
}
