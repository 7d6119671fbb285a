import { supportFunction } from '@shared/functions/support'
import { createCloudbaseMain } from '@shared/hosts/cloudbase'

// Imports its own definition rather than the functionDefinitions map, so the bundle carries one domain.
export const main = createCloudbaseMain(supportFunction)
