import { Collections } from '@shared/collections'
import type { ListingDoc } from '@shared/domain/listings/listing'
import { dataOf, functionHttp, loginBySms, type Wire } from './accounts'
import type { EmbeddedBackend } from './embedded'

const DAY = 24 * 60 * 60 * 1000

/** The interactions function over HTTP as the H5 app calls it, optionally with a session token. */
export function interactionsHttp<T = unknown>(
  backend: EmbeddedBackend,
  action: string,
  payload: unknown,
  token?: string,
): Promise<Wire<T>> {
  return functionHttp<T>(backend, 'interactions', action, payload, { token })
}

/** A logged-in member and a caller bound to their session. */
export interface TestMember {
  userId: string
  token: string
  phone: string
  call<T = unknown>(action: string, payload?: unknown): Promise<Wire<T>>
  /** Like `call`, but the data of a success (and a thrown error otherwise). */
  ok<T = unknown>(action: string, payload?: unknown): Promise<T>
}

export async function member(backend: EmbeddedBackend, phone: string): Promise<TestMember> {
  const session = await loginBySms(backend, phone)
  const call = <T>(action: string, payload: unknown = {}) =>
    interactionsHttp<T>(backend, action, payload, session.token)
  return {
    userId: session.profile.userId,
    token: session.token,
    phone,
    call,
    ok: async <T>(action: string, payload: unknown = {}) => dataOf(await call<T>(action, payload)),
  }
}

export const guest = (backend: EmbeddedBackend) => ({
  call: <T = unknown>(action: string, payload: unknown = {}) => interactionsHttp<T>(backend, action, payload),
})

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
