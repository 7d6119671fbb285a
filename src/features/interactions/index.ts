export { useListingInteractions, type InteractionsState } from './use-listing-interactions'
export { useComments, type CommentsState } from './use-comments'
export { ReportSheet } from './components/ReportSheet'
export { CommentSection } from './components/CommentSection'
