import { supportContract } from '../contracts/support'
import { defineFunction } from '../core/handler'
import { answerRequest, listMyRequests, listRequests, submitRequest } from '../domain/support/requests'

export const supportFunction = defineFunction('support', supportContract, {
  submitRequest: (input, ctx) => submitRequest(ctx, input),
  listMyRequests: (input, ctx) => listMyRequests(ctx, input),
  listRequests: (input, ctx) => listRequests(ctx, input),
  answerRequest: (input, ctx) => answerRequest(ctx, input),
})
