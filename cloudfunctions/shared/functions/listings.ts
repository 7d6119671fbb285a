import { listingsContract } from '../contracts/listings'
import { defineFunction } from '../core/handler'
import { getListing, listCategories, listListings } from '../domain/listings/listing-queries'

export const listingsFunction = defineFunction('listings', listingsContract, {
  listListings: (input, { deps }) => listListings(deps, input),
  getListing: (input, { deps }) => getListing(deps, input.id),
  listCategories: (_input, { deps }) => listCategories(deps),
})
