import { createCloudbaseJobMain } from '@shared/hosts/cloudbase'
import { expiryRemindersJob } from '@shared/jobs/expiry-reminders'

export const main = createCloudbaseJobMain(expiryRemindersJob)
