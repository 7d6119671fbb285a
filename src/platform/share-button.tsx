import type { ReactNode } from 'react'
import { Button } from '@tarojs/components'
import Taro from '@tarojs/taro'

export interface ShareButtonProps {
  className: string
  /** What the card or link shows: the title and the page path (with the listing id) only. */
  title: string
  path: string
  children: ReactNode
}

/**
 * H5: the system share sheet (Web Share API) where the browser has one, else the link is copied. The
 * link is the hash route of the page itself, so it opens the same detail for whoever receives it.
 */
export function ShareButton({ className, title, path, children }: ShareButtonProps) {
  return (
    <Button className={className} onClick={() => void shareLink(title, path)}>
      {children}
    </Button>
  )
}

export async function shareLink(title: string, path: string): Promise<void> {
  const url = `${window.location.origin}${window.location.pathname}#${path}`
  const nav = navigator as Navigator & { share?: (data: { title: string; url: string }) => Promise<void> }
  if (typeof nav.share === 'function') {
    try {
      await nav.share({ title, url })
      return
    } catch (error) {
      // The user closed the share sheet: nothing to do. Any other failure falls back to copying.
      if ((error as { name?: string })?.name === 'AbortError') return
    }
  }
  try {
    await Taro.setClipboardData({ data: url })
    void Taro.showToast({ title: '链接已复制，可粘贴分享', icon: 'none' })
  } catch {
    void Taro.showModal({ title: '分享链接', content: url, showCancel: false, confirmText: '关闭' })
  }
}
