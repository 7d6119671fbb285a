import { Collections } from '@shared/collections'
import type { DocumentStore } from '@shared/ports/document-store'
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
