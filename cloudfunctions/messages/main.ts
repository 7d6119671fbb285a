import { messagesFunction } from '@shared/functions/messages'
import { createCloudbaseMain } from '@shared/hosts/cloudbase'

// Imports its own definition rather than the functionDefinitions map, so the bundle carries one domain.
export const main = createCloudbaseMain(messagesFunction)
