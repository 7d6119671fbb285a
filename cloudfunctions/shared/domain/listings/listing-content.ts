import type * as v from 'valibot'
import type { UpdateListingInput } from '../../contracts/listings'
import type { ActionContext } from '../../core/action-context'
import type { UserDoc } from '../accounts'
import { assertMatchesCategory, loadCategory } from './categories'
import type { ListingDoc } from './listing'
import { resolveImages } from './listing-images'
import { searchTermsOf } from './search-terms'

/** What publish and edit both send: the content of a listing (the contract has already shaped it). */
export type ListingContentInput = Omit<v.InferOutput<typeof UpdateListingInput>, 'listingId'>

export type ContentFields = Pick<
  ListingDoc,
  | 'category'
  | 'title'
  | 'description'
  | 'province'
  | 'city'
  | 'company'
  | 'brand'
  | 'images'
  | 'imageKeys'
  | 'thumbnails'
  | 'thumbnailKeys'
  | 'hiddenImages'
  | 'extra'
  | 'contact'
  | 'terms'
>

/**
 * The stored fields of valid content: checked against its category's declaration, images resolved to
 * the member's own uploads, the keyword terms computed. A consent for an empty field is dropped: there is
 * nothing to publish.
 */
export async function prepareContent(
  ctx: ActionContext,
  user: UserDoc,
  listingId: string,
  input: ListingContentInput,
  /** An edit's category before: a hidden category still takes the edit of a listing already in it. */
  currentCategory: string | null = null,
): Promise<ContentFields> {
  const category = await loadCategory(ctx.deps, input.category, currentCategory)
  const extra = assertMatchesCategory(category, input)
  const images = await resolveImages(ctx, user._id, listingId, input.images, input.thumbnails)
  const { name, phone, wechat, qq } = input.contact
  const consent = input.contact.public
  return {
    category: category.id,
    title: input.title,
    description: input.description,
    province: input.region?.province ?? '',
    city: input.region?.city ?? '',
    company: input.company,
    brand: input.brand,
    images: images.urls,
    imageKeys: images.keys,
    thumbnails: images.thumbnailUrls,
    thumbnailKeys: images.thumbnailKeys,
    hiddenImages: images.hidden,
    extra,
    contact: {
      name,
      phone,
      wechat,
      qq,
      public: {
        name: consent.name && name !== '',
        phone: consent.phone && phone !== '',
        wechat: consent.wechat && wechat !== '',
        qq: consent.qq && qq !== '',
      },
    },
    terms: searchTermsOf(input),
  }
}
