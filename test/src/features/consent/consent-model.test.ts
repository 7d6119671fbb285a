import type { ConsentDecision } from '@shared/contracts'
import type { PolicyChange, PolicyEdition } from '@shared/policy/documents'
import {
  compareVersions,
  deriveConsentState,
  mayUseNetwork,
  type PolicyEditions,
} from '@/features/consent/consent-model'

const AGE = '1.0.0'
const T0 = 1_700_000_000_000

function edition(id: 'privacy' | 'terms', version: string, changes: PolicyChange[]): PolicyEdition {
  return { id, title: id === 'privacy' ? '隐私政策' : '用户协议', version, effectiveDate: '2026-01-01', changes }
}

const change = (version: string, material: boolean, summary = `${version} 的修改`): PolicyChange => ({
  version,
  date: '2026-01-01',
  material,
  summary: [summary],
})

/** Both documents at 1.0.0, each with only its first release. */
const FIRST: PolicyEditions = {
  privacy: edition('privacy', '1.0.0', [change('1.0.0', true)]),
  terms: edition('terms', '1.0.0', [change('1.0.0', true)]),
}

let clock = T0
function decide(document: 'privacy' | 'terms', version: string, choice: 'agree' | 'disagree'): ConsentDecision {
  return { document, version, choice, at: ++clock, platform: 'h5' }
}
const both = (version: string, choice: 'agree' | 'disagree') => [
  decide('privacy', version, choice),
  decide('terms', version, choice),
]
const age = (choice: 'adult' | 'guardian' | 'minor', version = AGE): ConsentDecision => ({
  document: 'age',
  version,
  choice,
  at: ++clock,
  platform: 'weapp',
})

describe('the consent model', () => {
  it('a device that never chose is undecided, and may not use the network', () => {
    const state = deriveConsentState([], FIRST, AGE)

    expect(state).toEqual({ status: 'undecided', materialChanges: [], minorChanges: [], upToDate: false, age: null })
    expect(mayUseNetwork(state.status)).toBe(false)
  })

  it('an age answer alone is not a choice about the documents: still undecided', () => {
    expect(deriveConsentState([age('adult')], FIRST, AGE).status).toBe('undecided')
  })

  it('「同意」 to the current versions: agreed, up to date, network allowed', () => {
    const state = deriveConsentState(both('1.0.0', 'agree'), FIRST, AGE)

    expect(state.status).toBe('agreed')
    expect(state.upToDate).toBe(true)
    expect(state.materialChanges).toEqual([])
    expect(mayUseNetwork(state.status)).toBe(true)
  })

  it('「不同意」: guest, who may still browse', () => {
    const state = deriveConsentState(both('1.0.0', 'disagree'), FIRST, AGE)

    expect(state.status).toBe('guest')
    expect(state.upToDate).toBe(false)
    expect(mayUseNetwork(state.status)).toBe(true)
  })

  it('the latest choice counts: a guest who agrees later is agreed, a member who withdraws is a guest', () => {
    expect(deriveConsentState([...both('1.0.0', 'disagree'), ...both('1.0.0', 'agree')], FIRST, AGE).status).toBe(
      'agreed',
    )
    expect(deriveConsentState([...both('1.0.0', 'agree'), ...both('1.0.0', 'disagree')], FIRST, AGE).status).toBe(
      'guest',
    )
  })

  it('order on the device decides, not the recorded time (a device clock can jump back)', () => {
    const later = both('1.0.0', 'disagree').map((d) => ({ ...d, at: T0 - 1_000_000 }))
    expect(deriveConsentState([...both('1.0.0', 'agree'), ...later], FIRST, AGE).status).toBe('guest')
  })

  it('declining one of the two documents is declining: guest', () => {
    const decisions = [decide('privacy', '1.0.0', 'agree'), decide('terms', '1.0.0', 'disagree')]
    expect(deriveConsentState(decisions, FIRST, AGE).status).toBe('guest')
  })

  describe('after the documents change', () => {
    const MATERIAL: PolicyEditions = {
      privacy: edition('privacy', '1.2.0', [
        change('1.2.0', false, '措辞调整'),
        change('1.1.0', true, '新增：评论内容的处理说明'),
        change('1.0.0', true),
      ]),
      terms: edition('terms', '1.0.0', [change('1.0.0', true)]),
    }
    const MINOR: PolicyEditions = {
      privacy: edition('privacy', '1.0.1', [change('1.0.1', false, '修正错别字'), change('1.0.0', true)]),
      terms: edition('terms', '1.0.0', [change('1.0.0', true)]),
    }

    it('a material change since the agreed version asks again, listing every change of that kind since then', () => {
      const state = deriveConsentState(both('1.0.0', 'agree'), MATERIAL, AGE)

      expect(state.status).toBe('reconsent-needed')
      expect(mayUseNetwork(state.status)).toBe(false)
      expect(state.materialChanges).toEqual([
        expect.objectContaining({
          document: 'privacy',
          title: '隐私政策',
          version: '1.1.0',
          summary: ['新增：评论内容的处理说明'],
        }),
      ])
      expect(state.minorChanges).toEqual([expect.objectContaining({ version: '1.2.0', summary: ['措辞调整'] })])
      expect(state.upToDate).toBe(false)
    })

    it('a minor change does not ask again, but is not yet agreed to (a login confirms it)', () => {
      const state = deriveConsentState(both('1.0.0', 'agree'), MINOR, AGE)

      expect(state.status).toBe('agreed')
      expect(state.materialChanges).toEqual([])
      expect(state.minorChanges).toEqual([expect.objectContaining({ version: '1.0.1', summary: ['修正错别字'] })])
      expect(state.upToDate).toBe(false)
    })

    it('agreeing to the current versions ends the re-consent', () => {
      const decisions = [...both('1.0.0', 'agree'), decide('privacy', '1.2.0', 'agree')]
      const state = deriveConsentState(decisions, MATERIAL, AGE)

      expect(state).toMatchObject({ status: 'agreed', materialChanges: [], minorChanges: [], upToDate: true })
    })

    it('changes at or before the agreed version are not listed again', () => {
      const decisions = [...both('1.0.0', 'agree'), decide('privacy', '1.1.0', 'agree')]
      const state = deriveConsentState(decisions, MATERIAL, AGE)

      expect(state.status).toBe('agreed')
      expect(state.minorChanges.map((c) => c.version)).toEqual(['1.2.0'])
    })

    it('a guest is not pestered about new versions: still a guest', () => {
      expect(deriveConsentState(both('1.0.0', 'disagree'), MATERIAL, AGE).status).toBe('guest')
    })

    it('a document added later, never agreed to, is asked for with its whole history', () => {
      const decisions = [decide('privacy', '1.0.0', 'agree')]
      const state = deriveConsentState(decisions, FIRST, AGE)

      expect(state.status).toBe('reconsent-needed')
      expect(state.materialChanges).toEqual([expect.objectContaining({ document: 'terms', version: '1.0.0' })])
    })
  })

  describe('the age confirmation', () => {
    it('is the latest answer on the current wording', () => {
      expect(deriveConsentState([...both('1.0.0', 'agree'), age('minor'), age('guardian')], FIRST, AGE).age).toBe(
        'guardian',
      )
    })

    it('an answer to an older wording does not count', () => {
      expect(deriveConsentState([...both('1.0.0', 'agree'), age('adult', '0.9.0')], FIRST, AGE).age).toBeNull()
    })

    it('is independent of the documents: a guest keeps their answer', () => {
      expect(deriveConsentState([age('adult'), ...both('1.0.0', 'disagree')], FIRST, AGE)).toMatchObject({
        status: 'guest',
        age: 'adult',
      })
    })
  })

  it('compares versions by number, not as text', () => {
    expect(compareVersions('1.10.0', '1.9.0')).toBe(1)
    expect(compareVersions('1.0.0', '1.0.0')).toBe(0)
    expect(compareVersions('0.9.9', '1.0.0')).toBe(-1)
  })
})
