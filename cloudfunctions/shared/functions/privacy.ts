import { privacyContract } from '../contracts/privacy'
import { defineFunction } from '../core/handler'
import { exportMyData } from '../domain/privacy/export-my-data'
import { inventoryAnswer } from '../domain/privacy/inventory'
import { getMyData } from '../domain/privacy/my-data'

export const privacyFunction = defineFunction('privacy', privacyContract, {
  getMyData: (_input, ctx) => getMyData(ctx),
  exportMyData: (_input, ctx) => exportMyData(ctx),
  getInventory: async () => inventoryAnswer(),
})
