import { createCloudbaseJobMain } from '@shared/hosts/cloudbase'
import { retentionJob } from '@shared/jobs/retention'

export const main = createCloudbaseJobMain(retentionJob)
