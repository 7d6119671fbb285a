import { LISTING_IMAGE_MAX_BYTES, listingsContract } from '../contracts/listings'
import { defineFunction, MAX_BODY_BYTES } from '../core/handler'
import { getListing, listCategories, listListings } from '../domain/listings/listing-queries'
import { getPosterCard } from '../domain/listings/poster-card'
import { uploadListingImage } from '../domain/listings/listing-images'
import {
  deleteListing,
  refreshListing,
  renewListing,
  republishListing,
  setContactVisibility,
  takeDownListing,
  updateListing,
} from '../domain/listings/manage-listing'
import { flushGuestViews } from '../domain/listings/guest-views'
import { getMyListing, listMyListings } from '../domain/listings/my-listings'
import { createListing } from '../domain/listings/publish-listing'

export const listingsFunction = defineFunction(
  'listings',
  listingsContract,
  {
    listListings: (input, { deps }) => listListings(deps, input),
    getListing: (input, ctx) => getListing(ctx, input.listingId),
    getPosterCard: (input, ctx) => getPosterCard(ctx.deps, input.listingId),
    listCategories: (_input, { deps }) => listCategories(deps),
    uploadListingImage: (input, ctx) => uploadListingImage(ctx, input),
    createListing: (input, ctx) => createListing(ctx, input),
    listMyListings: (input, ctx) => listMyListings(ctx, input),
    getMyListing: (input, ctx) => getMyListing(ctx, input.listingId),
    updateListing: (input, ctx) => updateListing(ctx, input),
    takeDownListing: (input, ctx) => takeDownListing(ctx, input.listingId),
    republishListing: (input, ctx) => republishListing(ctx, input.listingId),
    refreshListing: (input, ctx) => refreshListing(ctx, input.listingId),
    renewListing: (input, ctx) => renewListing(ctx, input),
    setContactVisibility: (input, ctx) => setContactVisibility(ctx, input),
    deleteListing: (input, ctx) => deleteListing(ctx, input.listingId),
  },
  {
    // An image travels as base64 in the body (4/3 of its bytes), plus the rest of the request; every other
    // action keeps the small limit.
    actionBodyBytes: { uploadListingImage: Math.ceil((LISTING_IMAGE_MAX_BYTES * 4) / 3) + MAX_BODY_BYTES },
    // Guest views are tallied in memory (domain/listings/guest-views.ts) and written when the host flushes.
    flush: (deps) => flushGuestViews(deps),
    postsContent: true,
  },
)
