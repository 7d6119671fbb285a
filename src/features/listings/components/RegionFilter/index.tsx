import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { REGIONS } from '@shared/data/regions'
import { BottomSheet } from '@/components/BottomSheet'
import { formatRegion } from '../../format'
import { control } from '@/platform/control-role'
import './index.scss'

/** A region as a filter: nothing (全国), a whole province, or one city of it. */
export interface RegionChoice {
  province?: string
  city?: string
}

export interface RegionFilterProps {
  value: RegionChoice
  onChange(value: RegionChoice): void
  /** The publish form wants a city; a filter may stop at 全国 or a whole province. */
  mode?: 'filter' | 'pick'
  placeholder?: string
  className?: string
}

/** The current region as a tappable chip; tapping opens province → city in a sheet. */
export function RegionFilter({ value, onChange, mode = 'filter', placeholder, className }: RegionFilterProps) {
  const [open, setOpen] = useState(false)
  const label = value.province || value.city ? formatRegion(value.province ?? '', value.city ?? '') : null
  return (
    <>
      <View
        {...control('button')}
        className={`region-filter${label ? ' region-filter--set' : ''}${className ? ` ${className}` : ''}`}
        onClick={() => setOpen(true)}
      >
        <Text className="region-filter__label">{label ?? placeholder ?? '全国'}</Text>
        <Text className="region-filter__caret">▾</Text>
      </View>
      {open ? (
        <RegionSheet
          mode={mode}
          initial={value.province}
          onClose={() => setOpen(false)}
          onPick={(picked) => {
            setOpen(false)
            onChange(picked)
          }}
        />
      ) : null}
    </>
  )
}

function RegionSheet({
  mode,
  initial,
  onClose,
  onPick,
}: {
  mode: 'filter' | 'pick'
  initial?: string
  onClose(): void
  onPick(value: RegionChoice): void
}) {
  const [province, setProvince] = useState<string | undefined>(initial)
  const selected = REGIONS.find((p) => p.name === province)

  if (!selected) {
    return (
      <BottomSheet title="选择省份" className="region-sheet" onClose={onClose}>
        {mode === 'filter' ? (
          <View className="region-sheet__option region-sheet__option--all" role="button" onClick={() => onPick({})}>
            全国
          </View>
        ) : null}
        {REGIONS.map((p) => (
          <View key={p.name} className="region-sheet__option" role="button" onClick={() => setProvince(p.name)}>
            {p.name}
          </View>
        ))}
      </BottomSheet>
    )
  }
  // A municipality has a single city of the same name: picking the province picks it.
  return (
    <BottomSheet title={selected.name} className="region-sheet" onClose={onClose}>
      <View
        className="region-sheet__option region-sheet__option--back"
        role="button"
        onClick={() => setProvince(undefined)}
      >
        ‹ 重新选择省份
      </View>
      {mode === 'filter' ? (
        <View
          className="region-sheet__option region-sheet__option--all"
          role="button"
          onClick={() => onPick({ province: selected.name })}
        >
          全省
        </View>
      ) : null}
      {selected.cities.map((city) => (
        <View
          key={city}
          className="region-sheet__option"
          role="button"
          onClick={() => onPick({ province: selected.name, city })}
        >
          {city}
        </View>
      ))}
    </BottomSheet>
  )
}
