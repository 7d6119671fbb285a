import { createCloudbaseJobMain } from '@shared/hosts/cloudbase'
import { sweepExpiredJob } from '@shared/jobs/sweep-expired'

export const main = createCloudbaseJobMain(sweepExpiredJob)
