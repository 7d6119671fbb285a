import { collectionSpecs } from '@shared/collections'
import { accountsPersonalData, ownerKeysOf } from '@shared/domain/accounts'
import { commonPersonalData } from '@shared/domain/common/collections'
import { interactionsPersonalData } from '@shared/domain/interactions'
import { listingsPersonalData } from '@shared/domain/listings'
import type { OwnerKeys, PersonalData } from '@shared/domain/common/personal-data'
import { messagesPersonalData } from '@shared/domain/messages'
import { supportPersonalData } from '@shared/domain/support'
import { cardsPersonalData } from '@shared/domain/cards'
import { moderationPersonalData } from '@shared/domain/moderation'
import { noticesPersonalData } from '@shared/domain/notices'
import { privacyPersonalData } from '@shared/domain/privacy/collections'
import { INVENTORY } from '@shared/domain/privacy/inventory'
import { createEmbeddedBackend, type EmbeddedBackend } from '../../../support/embedded'
import { member } from '../../../support/member'

const domains: Record<string, PersonalData> = {
  accounts: accountsPersonalData,
  listings: listingsPersonalData,
  interactions: interactionsPersonalData,
  common: commonPersonalData,
  privacy: privacyPersonalData,
  moderation: moderationPersonalData,
  notices: noticesPersonalData,
  messages: messagesPersonalData,
  support: supportPersonalData,
  cards: cardsPersonalData,
}
const count = (found: Record<string, unknown[]>) =>
  Object.fromEntries(Object.entries(found).map(([collection, docs]) => [collection, docs.length]))

/**
 * Each domain says which of its records are one user's and what in them is personal: the seam the data
 * inventory, the export and the account purge are built on. Told with records made by the real actions.
 */
describe('personal data: each domain knows which records are whose', () => {
  let backend: EmbeddedBackend
  let posterId: OwnerKeys
  let viewerId: OwnerKeys

  beforeEach(async () => {
    backend = await createEmbeddedBackend()
    const poster = await member(backend, '13800002222', 'listings')
    posterId = await ownerKeysOf(backend.deps, poster.userId)
    const listing = await poster.publish()
    const viewer = await member(backend, '13800003333', 'interactions')
    viewerId = await ownerKeysOf(backend.deps, viewer.userId)
    await viewer.ok('addFavourite', { listingId: listing.id })
    await viewer.ok('postComment', { listingId: listing.id, content: '请问成都还有名额吗？' })
    await viewer.ok('revealContact', { listingId: listing.id })
    await viewer.ok('reportListing', { listingId: listing.id, reason: '虚假信息', note: '电话打不通' })
  })
  afterEach(() => backend.dispose())

  it('every collection is declared once, in the domain that owns it', () => {
    const declared = Object.values(domains).flatMap((d) => d.declarations.map((s) => s.collection))
    expect(new Set(declared).size).toBe(declared.length)
    expect([...declared].sort()).toEqual(Object.keys(collectionSpecs).sort())
    expect(INVENTORY.map((d) => d.collection).sort()).toEqual([...declared].sort())
  })

  it('lists every record of the user in each domain, and every field on them is declared', async () => {
    const mine = {
      accounts: count(await accountsPersonalData.list(backend.deps, viewerId)),
      listings: count(await listingsPersonalData.list(backend.deps, viewerId)),
      interactions: count(await interactionsPersonalData.list(backend.deps, viewerId)),
    }
    expect(mine).toEqual({
      accounts: {
        users: 1,
        sessions: 1,
        consent_ledger: 3,
        security_log: 1,
        sms_codes: 1,
        moderator_roles: 0,
        penalties: 0,
      },
      listings: { listings: 0, listing_images: 0, duplicate_attempts: 0 },
      interactions: { favourites: 1, comments: 1, contact_reveals: 1, reports: 1 },
    })
    expect((await commonPersonalData.list(backend.deps, viewerId)).rate_counters.length).toBeGreaterThan(0)
    // The reveal is the viewer's record and the poster's: each finds it.
    expect(count(await interactionsPersonalData.list(backend.deps, posterId))).toMatchObject({ contact_reveals: 1 })
    expect(count(await listingsPersonalData.list(backend.deps, posterId))).toMatchObject({ listings: 1 })

    for (const [name, domain] of Object.entries(domains)) {
      const found = await domain.list(backend.deps, name === 'listings' ? posterId : viewerId)
      for (const spec of domain.declarations.filter((d) => d.owners.length > 0)) {
        for (const doc of found[spec.collection]) {
          const undeclared = Object.keys(doc).filter((field) => !(field in spec.fields))
          expect({ collection: spec.collection, undeclared }).toEqual({ collection: spec.collection, undeclared: [] })
        }
      }
    }
  })

  it('erasing a user removes exactly their records, in every domain, and a second run finds nothing left', async () => {
    const erased = Object.fromEntries(
      await Promise.all(
        Object.entries(domains).map(async ([name, d]) => [name, await d.erase(backend.deps, viewerId)]),
      ),
    )
    expect(erased.accounts).toEqual({
      users: 1,
      sessions: 1,
      consent_ledger: 3,
      security_log: 1,
      sms_codes: 1,
      moderator_roles: 0,
      penalties: 0,
    })
    expect(erased.interactions).toEqual({ favourites: 1, comments: 1, contact_reveals: 1, reports: 1 })
    for (const domain of Object.values(domains)) {
      const left = await domain.list(backend.deps, viewerId)
      expect(Object.values(left).flat()).toEqual([])
      expect(Object.values(await domain.erase(backend.deps, viewerId)).every((n) => n === 0)).toBe(true)
    }
    // The poster keeps their account and listing.
    expect(count(await accountsPersonalData.list(backend.deps, posterId))).toMatchObject({ users: 1 })
    expect(count(await listingsPersonalData.list(backend.deps, posterId))).toMatchObject({ listings: 1 })
  })
})
