import { functionHttp, type ActionOf, type Wire } from './accounts'
import type { EmbeddedBackend } from './embedded'

/** The listings function over HTTP as the H5 app calls it, optionally with a session token. */
export function listingsHttp<T = unknown>(
  backend: EmbeddedBackend,
  action: ActionOf<'listings'>,
  payload: unknown,
  token?: string,
): Promise<Wire<T>> {
  return functionHttp<T>(backend, 'listings', action, payload, { token })
}

let requestSeq = 0

/** A listing the 代理加盟 category accepts: company and region required, one public phone. */
export function validListing(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  requestSeq += 1
  return {
    clientRequestId: `req-${Date.now().toString(36)}-${requestSeq}`,
    category: 'agency',
    title: '智能门锁诚招成都区域代理',
    description: '厂家直供智能门锁，提供样品、宣传物料和售后技术支持，代理区域保护。',
    region: { province: '四川省', city: '成都' },
    company: '成都青禾科技有限公司',
    brand: '青禾',
    contact: { name: '张经理', phone: '13912345678', wechat: 'qinghe_zhang', public: { name: true, phone: true } },
    validityDays: 30,
    ...overrides,
  }
}
