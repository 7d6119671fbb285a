import { Collections } from '@shared/collections'
import { AppError, ErrorCode } from '@shared/core/app-error'
import { MAX_RACES, TOO_MANY_CONCURRENT_ATTEMPTS } from '@shared/domain/common/contention'
import { claimQuota, countQuota } from '@shared/domain/common/quotas'
import type { DocumentStore } from '@shared/ports/document-store'
import { authHttp, dataOf } from '../../../support/accounts'
import { createEmbeddedBackend, type EmbeddedBackend } from '../../../support/embedded'

const MINUTE = 60 * 1000
const PHONE = '13900139000'

/**
 * The store as a flood makes it look to one request: on `collection`, every compare-and-set update finds
 * the document changed and every insert finds it already there, as if another writer always got in first.
 * Counts the writes tried, so a story can tell that the request did retry before giving up.
 */
function alwaysOvertaken(store: DocumentStore, collection: string): { store: DocumentStore; writes: () => number } {
  let writes = 0
  const overtaken = new Proxy(store, {
    get(target, name, receiver) {
      if (name === 'update') {
        return async (...args: Parameters<DocumentStore['update']>) => {
          if (args[0] !== collection) return target.update(...args)
          writes++
          return false
        }
      }
      if (name === 'insert') {
        return async (...args: Parameters<DocumentStore['insert']>) => {
          if (args[0] !== collection) return target.insert(...args)
          writes++
          throw new AppError(ErrorCode.Conflict, '记录已存在')
        }
      }
      const value = Reflect.get(target, name, receiver)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
  return { store: overtaken, writes: () => writes }
}

describe('a write that loses every round to concurrent writers', () => {
  let backend: EmbeddedBackend
  beforeEach(async () => {
    backend = await createEmbeddedBackend({ seed: false })
  })
  afterEach(() => backend.dispose())

  const claim = () => ({
    kind: 'comment' as const,
    subject: 'u-1',
    window: 'd1',
    limit: 10,
    retainUntil: backend.clock.now() + 86_400_000,
    message: '今日评论次数已达上限',
  })

  it('a quota claim answers RATE_LIMITED 「操作过于频繁，请稍后再试」 after MAX_RACES rounds, not CONFLICT', async () => {
    await claimQuota(backend.deps, claim())
    const { store, writes } = alwaysOvertaken(backend.store, Collections.rateCounters)

    const refused = claimQuota({ store }, claim())

    await expect(refused).rejects.toMatchObject({ code: ErrorCode.RateLimited, message: TOO_MANY_CONCURRENT_ATTEMPTS })
    expect(writes()).toBe(MAX_RACES)
    // The counter itself is as the one honest claim left it.
    await expect(claimQuota(backend.deps, claim())).resolves.toEqual({ remaining: 8, alreadyClaimed: false })
  })

  it('counting without a limit answers the same', async () => {
    const { store, writes } = alwaysOvertaken(backend.store, Collections.rateCounters)

    await expect(countQuota({ store }, claim())).rejects.toMatchObject({
      code: ErrorCode.RateLimited,
      message: TOO_MANY_CONCURRENT_ATTEMPTS,
    })
    expect(writes()).toBe(MAX_RACES)
  })

  it('sending an SMS code answers the same on the wire, and sends nothing', async () => {
    dataOf(await authHttp(backend, 'sendSmsCode', { phone: PHONE }))
    backend.clock.advance(2 * MINUTE)
    const sent = backend.outbox.messages().length
    const { store, writes } = alwaysOvertaken(backend.store, Collections.smsCodes)
    backend.deps.store = store

    const refused = await authHttp(backend, 'sendSmsCode', { phone: PHONE })

    expect(refused).toMatchObject({
      ok: false,
      error: { code: ErrorCode.RateLimited, message: TOO_MANY_CONCURRENT_ATTEMPTS },
    })
    expect(writes()).toBe(MAX_RACES)
    expect(backend.outbox.messages()).toHaveLength(sent)
  })

  it('a quota counter overtaken on the way to an SMS answers the same on the wire', async () => {
    dataOf(await authHttp(backend, 'sendSmsCode', { phone: PHONE }))
    backend.deps.store = alwaysOvertaken(backend.store, Collections.rateCounters).store

    const refused = await authHttp(backend, 'sendSmsCode', { phone: '13900139001' })

    expect(refused).toMatchObject({
      ok: false,
      error: { code: ErrorCode.RateLimited, message: TOO_MANY_CONCURRENT_ATTEMPTS },
    })
  })
})
