import { createCloudbasePushMain } from '@shared/hosts/cloudbase'

// WeChat's message push (the image check's verdicts), through this function's HTTP access path.
export const main = createCloudbasePushMain()
