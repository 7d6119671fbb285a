import { callEarly } from '@/services/api'

/**
 * The feed page's first requests, exactly as its hooks make them (use-categories.ts, use-feed.ts with no
 * filter), sent at launch so their answers are in when the page has loaded and rendered.
 */
export function requestFirstScreen(): void {
  callEarly('listings', 'listCategories')
  callEarly('listings', 'listListings', { cursor: null })
}
