import { createHash } from 'node:crypto'
import { RECIPIENTS } from '@shared/domain/common/personal-data'
import { INVENTORY, policyFacts } from '@shared/domain/privacy/inventory'
import { privacyEdition } from '@shared/policy/editions'
import { privacyPolicy } from '@shared/policy/privacy'

const text = privacyPolicy.sections.flatMap((s) => s.paragraphs).join('\n')
const digest = () => createHash('sha256').update(policyFacts()).digest('hex')

describe('the 隐私政策 and the data inventory cannot drift apart', () => {
  it('the current policy version records the inventory facts it describes: a change to them needs a new version', () => {
    const [newest] = privacyEdition.changes
    expect(newest.version).toBe(privacyEdition.version)
    // When this fails: the inventory's categories, purposes, bases, retention or recipients changed. Update
    // the policy text, add a new version with a change entry (material when users must agree again) in
    // cloudfunctions/shared/policy/editions.ts, and record this digest on it.
    expect({ version: newest.version, inventoryDigest: newest.inventoryDigest }).toEqual({
      version: newest.version,
      inventoryDigest: digest(),
    })
  })

  it('each recorded digest belongs to one version, and a version that changed the facts asked users again', () => {
    const recorded = privacyEdition.changes.filter((c) => c.inventoryDigest)
    expect(new Set(recorded.map((c) => c.inventoryDigest)).size).toBe(recorded.length)
    for (const change of recorded) expect({ [change.version]: change.material }).toEqual({ [change.version]: true })
  })

  it('the policy names every recipient of personal data with its company', () => {
    for (const recipient of Object.values(RECIPIENTS)) {
      expect({ recipient: recipient.name, named: text.includes(recipient.company) }).toEqual({
        recipient: recipient.name,
        named: true,
      })
    }
  })

  it('every fixed retention period in the inventory is the one the policy states', () => {
    const periods = INVENTORY.flatMap((d) => (d.retention.kind === 'period' ? [d.retention.days] : []))
    expect(periods.length).toBeGreaterThan(0)
    for (const days of periods) {
      expect(text).toContain(days % 365 === 0 ? `保存 ${days / 365} 年` : `保存 ${days / 30} 个月`)
    }
  })
})
