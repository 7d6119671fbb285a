import { Text } from '@tarojs/components'
import { highlightParts } from '../../highlight'
import './index.scss'

export interface HighlightedTextProps {
  text: string
  /** The search's keyword; its words are marked in `text`. */
  keyword?: string
  className?: string
}

/** A title with the keyword's words marked (search results); plain text without a keyword. */
export function HighlightedText({ text, keyword, className }: HighlightedTextProps) {
  if (!keyword) return <Text className={className}>{text}</Text>
  return (
    <Text className={className}>
      {highlightParts(text, keyword).map((part, i) =>
        part.marked ? (
          <Text key={i} className="highlighted-text__mark">
            {part.text}
          </Text>
        ) : (
          part.text
        ),
      )}
    </Text>
  )
}
