import type { ImageProps } from '@tarojs/components'

/**
 * What an image says to a screen reader: its text, or "" for one that only decorates (an avatar beside the
 * name, a cover beside the title). Mini-programs read `aria-label`; nothing to say, nothing to set.
 */
export function imageText(text: string): Pick<ImageProps, 'ariaLabel' | 'nativeProps'> {
  return text ? { ariaLabel: text } : {}
}
