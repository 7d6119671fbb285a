import { AppError, ErrorCode } from './app-error'

/**
 * Identity as the platform vouches for it, never as the payload claims it. Built only by the handler
 * adapter from the call context: CloudBase's `userInfo` on callFunction events (filled in by the
 * platform, not by the client) or the Authorization header of an HTTP request.
 */
export type TrustedIdentity =
  { kind: 'none' } | { kind: 'wechat'; openId: string; appId?: string } | { kind: 'bearer'; token: string }

export type Caller = { kind: 'guest' } | { kind: 'member'; userId: string; moderator: boolean }

/** Turns a trusted identity into a caller. The accounts domain will provide the real one (sessions). */
export interface CallerResolver {
  resolve(identity: TrustedIdentity): Promise<Caller>
}

/**
 * Until accounts exist nobody can be a member: everyone is a guest. A bearer token cannot be valid
 * because no session has ever been issued, so it is refused rather than silently ignored.
 */
export const anonymousCallers: CallerResolver = {
  async resolve(identity) {
    if (identity.kind === 'bearer') throw new AppError(ErrorCode.Unauthenticated, '登录已失效，请重新登录')
    return { kind: 'guest' }
  },
}
