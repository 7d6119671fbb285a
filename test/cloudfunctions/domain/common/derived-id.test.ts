import { Collections } from '@shared/collections'
import type { ActionContext } from '@shared/core/action-context'
import { smsCodeIdOf } from '@shared/domain/accounts/sms-code-ids'
import { smsClient } from '@shared/domain/accounts/sms-guard'
import { derivedId, keyedId } from '@shared/domain/common/derived-id'
import { claimQuota } from '@shared/domain/common/quotas'
import { favouriteId } from '@shared/domain/interactions/favourites'
import { createEmbeddedBackend, TEST_SECRETS } from '../../../support/embedded'

/**
 * Stored documents are found again by recomputing their id, so each recipe is pinned here by a known
 * answer computed before derived ids went through one module: a change that alters any of these orphans
 * favourites, counters or codes already stored. A deliberate change belongs in the README, with why the
 * records it orphans do not matter.
 */
describe('derived ids stay what is stored', () => {
  it('a favourite of (member, listing)', () => {
    expect(favouriteId('u-1', 'l-1')).toBe('fav_KYH7ZOqAG8_g6Ku0gpIUDb5BkAUYtjc7')
    expect(favouriteId('u-1', 'l-1')).toBe(derivedId('fav', 'u-1', 'l-1'))
  })

  it('a quota counter of (kind, subject, window), as the store holds it', async () => {
    const backend = await createEmbeddedBackend({ seed: false })
    try {
      await claimQuota(backend.deps, {
        kind: 'comment',
        subject: 'u-1',
        window: 'd1',
        limit: 3,
        retainUntil: backend.clock.now() + 86_400_000,
        message: '今日评论次数已达上限',
      })
      const counters = await backend.store.find(Collections.rateCounters, { orderBy: [], limit: 10 })
      expect(counters.items.map((c) => c._id)).toEqual(['rc_R87iOt_VJ2TlgjndFoNcLITb9Wczjg_I'])
    } finally {
      await backend.dispose()
    }
  })

  it('an SMS code document: login keeps the phone hash, other purposes derive from it', () => {
    expect(smsCodeIdOf('abc', 'login')).toBe('abc')
    expect(smsCodeIdOf('abc', 'phone-change')).toBe('sms_A2G0mHQvbRDrBHDnfyeFL781UqYX_khX')
  })

  it('the keyed pseudonym of an SMS client (the subject of its counters)', () => {
    const ctx = {
      identity: { kind: 'wechat', openId: 'o-1' },
      request: { channel: 'cloudbase' },
      deps: { secrets: TEST_SECRETS },
    } as unknown as ActionContext
    expect(smsClient(ctx)).toBe('YB9UQxVw-sewvOmnL3FUe032cm32WqFlotVnPy4hHsQ')
  })
})

describe('keyed ids', () => {
  const key = TEST_SECRETS.phoneHashKey

  it('have the shape of derived ids, and differ from them', () => {
    const id = keyedId(key, 'listing-views', 'lv', 'l-1', 'u-1', '2026-12-01')
    expect(id).toMatch(/^lv_[A-Za-z0-9_-]{32}$/)
    expect(id).not.toBe(derivedId('lv', 'l-1', 'u-1', '2026-12-01'))
    expect(keyedId(key, 'listing-views', 'lv', 'l-1', 'u-1', '2026-12-01')).toBe(id)
  })

  it('depend on the secret and on the purpose: without the key the parts cannot be tried', () => {
    const id = keyedId(key, 'listing-views', 'lv', 'l-1', 'u-1', '2026-12-01')
    expect(keyedId(Buffer.alloc(32, 4), 'listing-views', 'lv', 'l-1', 'u-1', '2026-12-01')).not.toBe(id)
    expect(keyedId(key, 'sms-client', 'lv', 'l-1', 'u-1', '2026-12-01')).not.toBe(id)
  })

  it('keep their parts apart', () => {
    expect(keyedId(key, 'p', 'x', 'a', 'bc')).not.toBe(keyedId(key, 'p', 'x', 'ab', 'c'))
  })
})
