import { Collections } from './collections'
import type { Deps } from '../../core/deps'
import type { UserDoc } from './users'
import { UNKNOWN_REGION } from '../../ports/ip-region'

/** What other members may see of a member next to their comment or reveal: never the phone number. */
export interface PublicProfile {
  nickname: string
  avatarUrl: string | null
  companyName: string
}

/** Shown for a member whose account no longer exists. */
export const GONE_MEMBER: PublicProfile = { nickname: '已注销用户', avatarUrl: null, companyName: '' }

/** Profiles of a page's members, read by id (a page holds at most MAX_PAGE_SIZE of them). */
export async function publicProfiles(
  deps: Pick<Deps, 'store'>,
  userIds: string[],
): Promise<Map<string, PublicProfile>> {
  const ids = [...new Set(userIds)]
  const users = await Promise.all(ids.map((id) => deps.store.get<UserDoc>(Collections.users, id)))
  const profiles = new Map<string, PublicProfile>()
  users.forEach((user, i) => {
    profiles.set(
      ids[i],
      user ? { nickname: user.nickname, avatarUrl: user.avatarUrl, companyName: user.companyName } : GONE_MEMBER,
    )
  })
  return profiles
}

/**
 * What a poster card adds to the profile: when the account was created (「注册于」; null once it is gone)
 * and the IP属地 of the member's latest posting (「未知」 before any).
 */
export async function posterFacts(
  deps: Pick<Deps, 'store'>,
  userId: string,
): Promise<{ memberSince: number | null; ipRegion: string }> {
  const user = await deps.store.get<UserDoc>(Collections.users, userId)
  return { memberSince: user?.createdAt ?? null, ipRegion: user?.ipRegion ?? UNKNOWN_REGION }
}
