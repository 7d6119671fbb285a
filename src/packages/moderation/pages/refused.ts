import { ErrorCode } from '@shared/contracts'
import type { StateViewProps } from '@/features/listings'
import { backOrHome } from '@/features/listings'

/**
 * What a member without a moderation role sees when opening a moderation page by its URL: the server
 * refused the call (NOT_ALLOWED), and the page says so instead of an error with 重试.
 */
export function refusedState(error: { code: string } | null): StateViewProps | null {
  if (error?.code !== ErrorCode.NotAllowed) return null
  return {
    kind: 'empty',
    title: '你没有审核权限',
    hint: '审核台只对平台审核员开放。如需开通，请联系平台管理员。',
    actionText: '返回',
    onAction: backOrHome,
  }
}
