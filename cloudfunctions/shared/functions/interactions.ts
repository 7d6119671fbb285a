import { interactionsContract } from '../contracts/interactions'
import { defineFunction } from '../core/handler'
import { deleteComment, listComments, postComment } from '../domain/interactions/comments'
import { addFavourite, clearFavourites, listFavourites, removeFavourite } from '../domain/interactions/favourites'
import { getListingInteractions } from '../domain/interactions/listing-interactions'
import { listMyReports, reportComment, reportListing } from '../domain/interactions/reports'
import { listRevealLog } from '../domain/interactions/reveal-log'
import { revealContact } from '../domain/interactions/reveal-contact'

export const interactionsFunction = defineFunction(
  'interactions',
  interactionsContract,
  {
    revealContact: (input, ctx) => revealContact(ctx, input),
    listRevealLog: (input, ctx) => listRevealLog(ctx, input),
    addFavourite: (input, ctx) => addFavourite(ctx, input.listingId),
    removeFavourite: (input, ctx) => removeFavourite(ctx, input.listingId),
    listFavourites: (input, ctx) => listFavourites(ctx, input),
    clearFavourites: (_input, ctx) => clearFavourites(ctx),
    getListingInteractions: (input, ctx) => getListingInteractions(ctx, input.listingId),
    postComment: (input, ctx) => postComment(ctx, input),
    listComments: (input, ctx) => listComments(ctx, input),
    deleteComment: (input, ctx) => deleteComment(ctx, input.commentId),
    reportListing: (input, ctx) => reportListing(ctx, input),
    reportComment: (input, ctx) => reportComment(ctx, input),
    listMyReports: (input, ctx) => listMyReports(ctx, input),
  },
  // Comments carry their IP属地.
  { postsContent: true },
)
