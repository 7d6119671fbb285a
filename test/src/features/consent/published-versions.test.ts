import { Collections } from '@shared/collections'
import { policyEditions } from '@shared/policy/editions'
import { member } from '../../../support/member'
import { installFakeNetwork, type FakeNetwork } from '../../../support/web/network'

import type * as ConsentStore from '@/features/consent/consent-store'
import type * as ConsentSync from '@/features/consent/consent-sync'

type Store = typeof ConsentStore
type Sync = typeof ConsentSync

/** One launch of the app: its modules loaded afresh, the device's storage as the last launch left it. */
async function launch(): Promise<{ store: Store; sync: Sync }> {
  let loaded: { store: Store; sync: Sync } | null = null
  await jest.isolateModulesAsync(async () => {
    loaded = {
      store: await import('@/features/consent/consent-store'),
      sync: await import('@/features/consent/consent-sync'),
    }
  })
  return loaded!
}

const newest = policyEditions.privacy.version
const previous = policyEditions.privacy.changes[1]!.version

/** The server as it was before its operators published `newest`: its code ends at `previous`. */
const serverAtPrevious = {
  ...policyEditions,
  privacy: { ...policyEditions.privacy, version: previous, changes: policyEditions.privacy.changes.slice(1) },
}

let network: FakeNetwork

/** What the device stored of the server's answer (Taro's storage keeps each value under `data`). */
function storedPublished(key: string): unknown {
  const raw = localStorage.getItem(key)
  return raw === null ? null : JSON.parse((JSON.parse(raw) as { data: string }).data)
}

beforeEach(async () => {
  network = await installFakeNetwork()
})

afterEach(async () => {
  await network.restore()
})

describe('the published policy versions on the device', () => {
  it('a build carrying a newer edition asks for the published one, and asks again once an admin publishes the newer', async () => {
    // The server started (and recorded its publications) with the newest edition; as if it had not.
    await network.backend.store.deleteWhere(Collections.policyPublications, { document: 'privacy' }, 10)
    network.backend.deps.policyEditions = serverAtPrevious
    const first = await launch()
    // Before the first answer nothing is asked of the server, and the build's newest edition is offered.
    expect(first.store.policyDecisions('agree', 1)[0]).toMatchObject({ document: 'privacy', version: newest })
    first.store.recordPolicyChoice('agree')
    first.sync.checkPublishedVersions()
    await network.idle()
    expect(network.sent.filter((r) => r.body.action === 'getPolicyVersions')).toHaveLength(1)
    expect(storedPublished(first.store.PUBLISHED_STORAGE_KEY)).toMatchObject({ privacy: previous })
    // Agreed to a newer one than the server requires: nothing to ask.
    expect(first.store.consentState().status).toBe('agreed')
    // Withdrawn and given again, the choice is about the published edition, which logins require.
    first.store.recordPolicyChoice('disagree')
    expect(first.store.consentState().status).toBe('guest')
    first.store.recordPolicyChoice('agree')
    expect(first.store.consentState()).toMatchObject({ status: 'agreed', upToDate: true, materialChanges: [] })
    expect(
      first.store
        .decisionsForLogin()
        .filter((d) => d.document === 'privacy')
        .at(-1),
    ).toMatchObject({
      version: previous,
      choice: 'agree',
    })

    // The operators deploy the newer texts and an admin publishes them.
    network.backend.deps.policyEditions = policyEditions
    const admin = await member(network.backend, '13500135301', 'moderation')
    await network.backend.store.insert(Collections.moderatorRoles, { _id: admin.userId, role: 'admin', grantedAt: 0 })
    await admin.ok('publishPolicyVersion', { document: 'privacy', version: newest })

    const second = await launch()
    // Until the server has said so, the device goes on with what it last heard.
    expect(second.store.consentState().status).toBe('agreed')
    second.sync.checkPublishedVersions()
    await network.idle()
    const state = second.store.consentState()
    expect(state.status).toBe('reconsent-needed')
    expect(state.materialChanges.map((c) => `${c.document}@${c.version}`)).toEqual([`privacy@${newest}`])
    expect(second.store.policyDecisions('agree', 2)[0]).toMatchObject({ document: 'privacy', version: newest })
  })

  it('a failed check leaves the stored versions as they were and is tried again', async () => {
    const app = await launch()
    app.store.recordPolicyChoice('agree')
    network.offline = true
    app.sync.checkPublishedVersions()
    await network.idle()
    expect(storedPublished(app.store.PUBLISHED_STORAGE_KEY)).toBeNull()

    network.offline = false
    app.sync.checkPublishedVersions()
    await network.idle()
    expect(storedPublished(app.store.PUBLISHED_STORAGE_KEY)).toEqual({
      privacy: newest,
      terms: policyEditions.terms.version,
    })
  })
})
