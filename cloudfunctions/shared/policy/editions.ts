import type { PolicyDocumentId } from '../contracts/consent'
import type { PolicyEdition } from './documents'

/**
 * The version and change history of each document. Changing what a document says means a new version
 * here and a change entry, newest first; `material: true` when users must consent again (what is
 * collected, why, how long it is kept, who receives it), false for wording and clarifications.
 */
export const privacyEdition: PolicyEdition = {
  id: 'privacy',
  title: '质能视界隐私政策',
  version: '1.0.0',
  effectiveDate: '2026-11-29',
  changes: [
    {
      version: '1.0.0',
      date: '2026-11-29',
      material: true,
      summary: ['首次发布：说明我们处理哪些个人信息、为什么处理、保存多久，以及你如何行使自己的权利。'],
    },
  ],
}

export const termsEdition: PolicyEdition = {
  id: 'terms',
  title: '质能视界用户协议',
  version: '1.0.0',
  effectiveDate: '2026-11-29',
  changes: [
    {
      version: '1.0.0',
      date: '2026-11-29',
      material: true,
      summary: ['首次发布：说明平台提供的服务、发布信息的规则和双方的责任。'],
    },
  ],
}

export const policyEditions: Readonly<Record<PolicyDocumentId, PolicyEdition>> = {
  privacy: privacyEdition,
  terms: termsEdition,
}
