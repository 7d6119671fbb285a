import { messagesContract } from '../contracts/messages'
import { defineFunction } from '../core/handler'
import { blockMember, unblockMember } from '../domain/messages/blocks'
import { deleteMyCard, getMyCard, saveMyCard } from '../domain/messages/cards'
import {
  countUnread,
  listConversationMessages,
  listConversations,
  replyToConversation,
  sendCard,
  sendInquiry,
} from '../domain/messages/conversations'
import { getInquiryState, setListingInquiries } from '../domain/messages/inquiry-settings'
import { reportConversation } from '../domain/messages/reports'

export const messagesFunction = defineFunction('messages', messagesContract, {
  sendInquiry: (input, ctx) => sendInquiry(ctx, input),
  replyToConversation: (input, ctx) => replyToConversation(ctx, input),
  sendCard: (input, ctx) => sendCard(ctx, input),
  listConversations: (input, ctx) => listConversations(ctx, input),
  listConversationMessages: (input, ctx) => listConversationMessages(ctx, input),
  countUnread: (_input, ctx) => countUnread(ctx),
  blockMember: (input, ctx) => blockMember(ctx, input.conversationId),
  unblockMember: (input, ctx) => unblockMember(ctx, input.conversationId),
  reportConversation: (input, ctx) => reportConversation(ctx, input),
  getInquiryState: (input, ctx) => getInquiryState(ctx, input.listingId),
  setListingInquiries: (input, ctx) => setListingInquiries(ctx, input),
  getMyCard: (_input, ctx) => getMyCard(ctx),
  saveMyCard: (input, ctx) => saveMyCard(ctx, input),
  deleteMyCard: (_input, ctx) => deleteMyCard(ctx),
})
