import { Collections } from '@shared/collections'
import type { ListingDoc } from '@shared/domain/listings/listing'
import type { EmbeddedBackend } from './embedded'

const DAY = 24 * 60 * 60 * 1000

let listingSeq = 0

/**
 * A listing owned by `posterId`, written straight into the store: the seed's listings belong to demo
 * posters with no account, and ownership stories need a poster who can log in. Built from a seeded
 * listing so it has every field a real one has.
 */
export async function putListing(
  backend: EmbeddedBackend,
  posterId: string,
  overrides: Partial<Omit<ListingDoc, '_id'>> & { contact?: ListingDoc['contact'] } = {},
): Promise<ListingDoc> {
  const { items } = await backend.store.find<ListingDoc>(Collections.listings, {
    where: { status: 'published' },
    orderBy: [{ field: 'publishedAt', direction: 'desc' }],
    limit: 1,
  })
  if (!items[0]) throw new Error('putListing needs the demo seed')
  const now = backend.clock.now()
  listingSeq += 1
  const doc: ListingDoc = {
    ...items[0],
    _id: `test-listing-${listingSeq}`,
    title: `测试合作需求 ${listingSeq}`,
    posterId,
    status: 'published',
    contact: {
      name: '王经理',
      phone: '13900001111',
      wechat: 'wang_biz',
      qq: '123456789',
      public: { name: true, phone: true, wechat: true, qq: false },
    },
    createdAt: now,
    updatedAt: now,
    publishedAt: now,
    expiresAt: now + 30 * DAY,
    ...overrides,
  }
  await backend.store.insert(Collections.listings, doc)
  return doc
}
