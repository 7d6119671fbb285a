import { Collections } from './collections'
import { CONTACT_FIELDS } from '../../contracts/listings'
import type { ContactConsent } from '../../contracts/privacy'
import type { Deps } from '../../core/deps'
import { eachBatch } from '../../ports/document-store'
import type { ListingDoc } from './listing'

/**
 * The member's separate consents to make contact fields public, listing by listing (for 我的数据): each
 * filled-in field and whether it is public now. Withdrawing one is `setContactVisibility` in 我的发布.
 */
export async function contactConsentsOf(deps: Pick<Deps, 'store'>, userId: string): Promise<ContactConsent[]> {
  const found: ContactConsent[] = []
  const query = { where: { posterId: userId }, orderBy: [{ field: '_id', direction: 'asc' as const }] }
  for await (const batch of eachBatch<ListingDoc>(deps.store, Collections.listings, query, 200)) {
    for (const doc of batch) {
      const fields = CONTACT_FIELDS.filter((field) => doc.contact[field].length > 0).map((field) => ({
        field,
        public: doc.contact.public[field] === true,
      }))
      if (fields.length > 0) found.push({ listingId: doc._id, title: doc.title, fields })
    }
  }
  return found
}
