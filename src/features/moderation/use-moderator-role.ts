import type { ModeratorRole } from '@shared/contracts'
import { useSession } from '@/features/auth'
import { useLoaded } from '@/features/privacy/use-loaded'
import { api } from '@/services/api'

/**
 * The member's moderation role, for showing the 审核台 entry in 我的 (null for everyone else, and while
 * it loads). Only a hint: the server refuses every moderator action to a member without the role.
 */
export function useModeratorRole(): ModeratorRole | null {
  const session = useSession()
  const answer = useLoaded(() => api.moderation.getMyRole(), session !== null)
  return session ? (answer.data?.role ?? null) : null
}
