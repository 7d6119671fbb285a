import { policyEditions } from '@shared/policy/editions'

/**
 * The editions in code plus an unpublished 9.0.0 of the privacy policy, a material change: what a server
 * runs after a deploy that brought new texts an admin has not published yet (set as `deps.policyEditions`).
 */
export const withNewPrivacy = {
  ...policyEditions,
  privacy: {
    ...policyEditions.privacy,
    version: '9.0.0',
    changes: [
      { version: '9.0.0', date: '2026-12-02', material: true, summary: ['测试用的新版本：新增一项说明。'] },
      ...policyEditions.privacy.changes,
    ],
  },
}
