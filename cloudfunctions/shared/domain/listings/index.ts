/**
 * What other domains may use of listings: reading a listing and the pure rules about one (visible?
 * contact public?), its summary for lists, and the category names. Only this domain writes listings (a
 * dependency rule holds other domains to this file).
 */
export { categoriesById } from './categories'
export { isPublic, isVisible, namesOf, toSummary, type ListingDoc } from './listing'
export { findListing } from './listing-lookup'
export { listingsPersonalData } from './collections'
export { contactConsentsOf } from './contact-consents'
export { deleteUploadedFiles, posterListingIds, restorePosterListings, withholdPosterListings } from './poster-account'
// The retention job's part: uploads no listing took.
export { removeUnusedImages, UNUSED_IMAGE_MS } from './listing-images'
// Moderation's part: the review queue, hiding on reports, decisions, a poster's repeats.
export {
  ALREADY_DECIDED,
  applyListingDecision,
  hideReportedListing,
  pendingListings,
  type ListingDecision,
} from './moderated-listings'
export { duplicateAttemptsOf } from './publish-limits'
export { listingStats, type ListingStats } from './listing-stats'
export {
  applyImageDecision,
  findImage,
  findImageByTrace,
  heldImages,
  setImageCheck,
  type ImageDecision,
} from './moderated-images'
export type { ImageCheck, ListingImageDoc } from './listing-images'
// The reminder job's part.
export { remindExpiringListings } from './expiry-reminders'
// The hosts' part: guest views are tallied in memory and written when a host flushes them.
export { flushGuestViews } from './guest-views'
// The console's part (分类管理): moderation checks the admin and audits each change.
export {
  consoleCategory,
  deleteCategory,
  listConsoleCategories,
  moveCategory,
  saveCategory,
  setCategoryHidden,
  type CategoryChange,
} from './category-admin'
