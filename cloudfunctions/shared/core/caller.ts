/**
 * Identity as the platform vouches for it, never as the payload claims it. Built only by the handler
 * adapter from the call context: CloudBase's `userInfo` on callFunction events (filled in by the
 * platform, not by the client) or the Authorization header of an HTTP request.
 */
export type TrustedIdentity =
  { kind: 'none' } | { kind: 'wechat'; openId: string; appId?: string } | { kind: 'bearer'; token: string }

export type Caller = { kind: 'guest' } | { kind: 'member'; userId: string; moderator: boolean }

/**
 * Turns a trusted identity into a caller: the accounts domain's session and OPENID lookup
 * (domain/accounts/account-callers.ts), wired by each host.
 */
export interface CallerResolver {
  resolve(identity: TrustedIdentity): Promise<Caller>
}
