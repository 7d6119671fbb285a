export {
  clearSearchHistory,
  forgetSearch,
  rememberSearch,
  searchHistory,
  useSearchHistory,
  SEARCH_HISTORY_KEY,
  SEARCH_HISTORY_LIMIT,
} from './search-history'
export {
  browseHistory,
  clearBrowseHistory,
  forgetBrowse,
  recordBrowse,
  useBrowseHistory,
  useRecordBrowse,
  BROWSE_HISTORY_KEY,
  BROWSE_HISTORY_LIMIT,
  type BrowsedListing,
} from './browse-history'
