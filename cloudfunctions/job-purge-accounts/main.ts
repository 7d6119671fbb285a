import { createCloudbaseJobMain } from '@shared/hosts/cloudbase'
import { purgeAccountsJob } from '@shared/jobs/purge-accounts'

export const main = createCloudbaseJobMain(purgeAccountsJob)
