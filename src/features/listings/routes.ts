import Taro from '@tarojs/taro'
import { ensureLoggedIn } from '@/features/auth'

import { Routes } from '@/routes'

export { Routes }

export function detailPath(id: string): string {
  return `${Routes.detail}?id=${encodeURIComponent(id)}`
}

export function openListing(id: string): void {
  void Taro.navigateTo({ url: detailPath(id) })
}

export function openSearch(keyword?: string): void {
  void Taro.navigateTo({ url: keyword ? `${Routes.search}?keyword=${encodeURIComponent(keyword)}` : Routes.search })
}

/** 「发布」: publishing needs an account, so log in first (with a reason and a way out). */
export async function openPublish(editId?: string): Promise<void> {
  if (!(await ensureLoggedIn('发布合作信息'))) return
  void Taro.navigateTo({ url: editId ? `${Routes.publish}?id=${encodeURIComponent(editId)}` : Routes.publish })
}

/** A page opened from a shared card has nothing to go back to: relaunch the feed instead. */
export function backOrHome(): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
  else void Taro.reLaunch({ url: Routes.feed })
}
