import { Collections } from './collections'
import type { Deps } from '../../core/deps'
import type { UserDoc } from './users'

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

/** When the member's account was created (「注册于」 on their poster card), or null once it is gone. */
export async function memberSince(deps: Pick<Deps, 'store'>, userId: string): Promise<number | null> {
  return (await deps.store.get<UserDoc>(Collections.users, userId))?.createdAt ?? null
}
