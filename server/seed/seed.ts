import { Collections } from '@shared/collections'
import type { ListingDoc } from '@shared/domain/listings/listing'
import { searchTermsOf } from '@shared/domain/listings/search-terms'
import type { DocumentStore, FindResult } from '@shared/ports/document-store'
import { buildDemoData } from './demo-data'

/** Loads the demo data into an empty store; a store that already has listings is left alone. */
export async function seedIfEmpty(store: DocumentStore, now: number): Promise<{ seeded: boolean; listings: number }> {
  const existing = await store.count(Collections.listings)
  if (existing > 0) return { seeded: false, listings: existing }
  const data = buildDemoData(now)
  for (const category of data.categories) await store.insert(Collections.categories, category)
  for (const listing of data.listings) await store.insert(Collections.listings, listing)
  return { seeded: true, listings: data.listings.length }
}

/**
 * Listings stored before keyword search existed have no terms and could never be found by keyword: give
 * them theirs. Walks newest to oldest, so the oldest listing is done last and having terms means the
 * whole walk finished once; every later start then costs one read.
 */
export async function indexMissingSearchTerms(store: DocumentStore): Promise<number> {
  const oldest = await store.find<ListingDoc>(Collections.listings, {
    orderBy: [{ field: 'createdAt', direction: 'asc' }],
    limit: 1,
  })
  if (!oldest.items[0] || Array.isArray(oldest.items[0].terms)) return 0
  let indexed = 0
  let after: string | null = null
  do {
    const page: FindResult<ListingDoc> = await store.find<ListingDoc>(Collections.listings, {
      orderBy: [{ field: 'createdAt', direction: 'desc' }],
      limit: 200,
      after,
    })
    for (const doc of page.items) {
      if (Array.isArray(doc.terms)) continue
      await store.update(Collections.listings, doc._id, { terms: searchTermsOf(doc) })
      indexed += 1
    }
    after = page.nextCursor
  } while (after)
  return indexed
}
