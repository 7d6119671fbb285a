import type { ReactNode } from 'react'
import { Button, ScrollView, Text, View } from '@tarojs/components'
import { dialog, DIALOG_CLOSE } from '@/platform/control-role'
import './index.scss'

export interface BottomSheetProps {
  title: string
  className?: string
  /** Tapping the dimmed page or 取消 closes it. */
  onClose(): void
  children: ReactNode
  /** Under the scrollable body, always in view (a submit button, say). */
  footer?: ReactNode
  /** The way-out button's words: 取消 while something is pending, 完成 once it is done. */
  closeLabel?: string
}

/** A panel from the bottom over a dimmed page, always with a way out (取消, or 完成 when nothing is left to do). */
export function BottomSheet({ title, className, onClose, children, footer, closeLabel = '取消' }: BottomSheetProps) {
  return (
    <View className={`bottom-sheet${className ? ` ${className}` : ''}`} catchMove>
      {/* Hidden from screen readers and the keyboard: the sheet closes by its own button too. */}
      <View className="bottom-sheet__mask" aria-hidden="true" onClick={onClose} />
      <View className="bottom-sheet__panel" {...dialog(title)}>
        <Text className="bottom-sheet__title">{title}</Text>
        <ScrollView className="bottom-sheet__body" scrollY>
          {children}
        </ScrollView>
        {footer}
        <Button className="bottom-sheet__cancel" {...DIALOG_CLOSE} onClick={onClose}>
          {closeLabel}
        </Button>
      </View>
    </View>
  )
}
