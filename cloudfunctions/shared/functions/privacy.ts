import { privacyContract } from '../contracts/privacy'
import { defineFunction } from '../core/handler'
import {
  cancelAccountDeletion,
  getAccountDeletion,
  requestAccountDeletion,
  sendDeletionCode,
} from '../domain/privacy/account-deletion'
import { exportMyData } from '../domain/privacy/export-my-data'
import { inventoryAnswer } from '../domain/privacy/inventory'
import { getMyData } from '../domain/privacy/my-data'

export const privacyFunction = defineFunction('privacy', privacyContract, {
  getMyData: (_input, ctx) => getMyData(ctx),
  exportMyData: (_input, ctx) => exportMyData(ctx),
  getInventory: async () => inventoryAnswer(),
  sendDeletionCode: (input, ctx) => sendDeletionCode(ctx, input),
  requestAccountDeletion: (input, ctx) => requestAccountDeletion(ctx, input),
  cancelAccountDeletion: (_input, ctx) => cancelAccountDeletion(ctx),
  getAccountDeletion: (_input, ctx) => getAccountDeletion(ctx),
})
