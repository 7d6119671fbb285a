import { noticesContract } from '../contracts/notices'
import { defineFunction } from '../core/handler'
import {
  acceptSubscriptions,
  countUnread,
  getPreferences,
  listNotices,
  markRead,
  setPreferences,
} from '../domain/notices/centre'

export const noticesFunction = defineFunction('notices', noticesContract, {
  listNotices: (input, ctx) => listNotices(ctx, input),
  countUnread: (_input, ctx) => countUnread(ctx),
  markRead: (input, ctx) => markRead(ctx, input),
  getPreferences: (_input, ctx) => getPreferences(ctx),
  setPreferences: (input, ctx) => setPreferences(ctx, input),
  acceptSubscriptions: (input, ctx) => acceptSubscriptions(ctx, input),
})
