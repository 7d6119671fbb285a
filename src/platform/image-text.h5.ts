import type { ImageProps } from '@tarojs/components'

/**
 * What an image says to a screen reader: its text, or "" for one that only decorates (an avatar beside the
 * name, a cover beside the title). Taro's H5 Image draws an <img> inside its own element and passes
 * `nativeProps` to it: the <img> gets its `alt` (an empty one marks it decorative).
 */
export function imageText(text: string): Pick<ImageProps, 'ariaLabel' | 'nativeProps'> {
  return { nativeProps: { alt: text } }
}
