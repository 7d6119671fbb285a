import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { Collections } from '@shared/collections'
import type { StoredDocument } from '@shared/ports/document-store'
import { CONSENT_STORAGE_KEY, deviceLedger } from '@/features/consent'
import { recordAgeChoice, recordPolicyChoice } from '@/features/consent/consent-store'
import { loginWithSms } from '@/features/auth/login'
import { sendSmsCode } from '@/features/auth/sms-codes'
import { currentSession } from '@/services/session'
import FeedPage from '@/pages/index/index'
import { agree, consentDialog, decline } from '../../../support/web/consent'
import { typeInto } from '../../../support/web/input'
import { installFakeNetwork, type FakeNetwork } from '../../../support/web/network'

const PHONE = '13800138001'

let network: FakeNetwork

beforeEach(async () => {
  network = await installFakeNetwork()
  jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
})

afterEach(async () => {
  jest.restoreAllMocks()
  await network.restore()
})

/** A member who agreed, confirmed their age and logged in by SMS on this device. */
async function loggedInMember() {
  recordPolicyChoice('agree')
  recordAgeChoice('adult')
  await sendSmsCode(PHONE)
  const session = await loginWithSms(PHONE, network.backend.outbox.lastCodeFor(PHONE)!)
  network.sent.length = 0
  return session
}

/** As if the member had agreed to 0.9.0 and this build's documents changed materially since. */
function documentsChangedSinceAgreement(): void {
  const entries = deviceLedger().map((entry) =>
    entry.decision.document === 'age' ? entry : { ...entry, decision: { ...entry.decision, version: '0.9.0' } },
  )
  Taro.setStorageSync(CONSENT_STORAGE_KEY, JSON.stringify(entries))
}

async function serverLedger(userId: string) {
  const page = await network.backend.store.find<StoredDocument>(Collections.consentLedger, {
    where: { userId },
    orderBy: [{ field: 'at', direction: 'asc' }],
    limit: 50,
  })
  return page.items.map((d) => `${d.document}:${d.version}:${d.choice}`)
}

describe('consent decisions of a member', () => {
  it('agreeing to changed documents goes straight to the server ledger, with the session token', async () => {
    const session = await loggedInMember()
    documentsChangedSinceAgreement()
    render(<FeedPage />)
    expect(consentDialog()?.textContent).toContain('隐私政策和用户协议有更新')

    await agree()

    await waitFor(() => expect(network.sent.some((r) => r.body.action === 'recordConsents')).toBe(true))
    const record = network.sent.find((r) => r.body.action === 'recordConsents')!
    expect(record.headers.authorization).toBe(`Bearer ${session.token}`)
    expect(record.body.payload).toEqual({
      decisions: [
        expect.objectContaining({ document: 'privacy', version: '1.6.0', choice: 'agree' }),
        expect.objectContaining({ document: 'terms', version: '1.1.0', choice: 'agree' }),
      ],
    })
    await waitFor(() => expect(deviceLedger().every((entry) => entry.synced)).toBe(true))
    expect(currentSession()?.token).toBe(session.token)
  })

  it('declining changed documents withdraws consent: the server ledger records it, then the member is logged out', async () => {
    const session = await loggedInMember()
    documentsChangedSinceAgreement()
    render(<FeedPage />)

    await decline()

    await waitFor(() => expect(currentSession()).toBeNull())
    expect(network.sent.filter((r) => r.functionName === 'auth').map((r) => r.body.action)).toEqual([
      'recordConsents',
      'logout',
    ])
    expect(await serverLedger(session.profile.userId)).toEqual(
      expect.arrayContaining(['privacy:1.6.0:disagree', 'terms:1.1.0:disagree']),
    )
    // Still browsing, as a guest.
    await waitFor(() => expect(document.querySelectorAll('.listing-card').length).toBe(20))
    expect(screen.getByText('登录')).toBeTruthy()
  })
})

describe('when the server wants a consent the device did not send (CONSENT_REQUIRED)', () => {
  it('the age confirmation is asked again, and the login goes through after it', async () => {
    render(<FeedPage />)
    await agree()
    fireEvent.click(screen.getByText('登录'))
    fireEvent.click(await screen.findByText('我已年满 14 周岁'))
    await waitFor(() => expect(document.querySelector('.login-sheet')).not.toBeNull())
    // The first login attempt is refused as a server with a newer age wording would refuse it.
    let refused = false
    network.before = (request) => {
      if (request.body.action !== 'loginWithSms' || refused) return
      refused = true
      return {
        status: 403,
        body: JSON.stringify({
          ok: false,
          error: { code: 'CONSENT_REQUIRED', message: '请先确认您已年满 14 周岁，或已取得监护人同意', field: 'age' },
        }),
      }
    }
    await sendSmsCode(PHONE)
    const code = network.backend.outbox.lastCodeFor(PHONE)!
    await typeInto('sms-login__phone', PHONE)
    await typeInto('sms-login__code', code)
    await act(async () => {
      fireEvent.click(screen.getByText('登录', { selector: '.sms-login__submit' }))
    })

    expect(await screen.findByText('确认你的年龄')).toBeTruthy()
    expect(document.querySelector('.login-sheet')).toBeNull()
    fireEvent.click(screen.getByText('我已年满 14 周岁'))
    await waitFor(() => expect(document.querySelector('.login-sheet')).not.toBeNull())
    await typeInto('sms-login__phone', PHONE)
    await typeInto('sms-login__code', code)
    await act(async () => {
      fireEvent.click(screen.getByText('登录', { selector: '.sms-login__submit' }))
    })

    await waitFor(() => expect(currentSession()?.profile.maskedPhone).toBe('138****8001'))
    expect(
      deviceLedger()
        .filter((e) => e.decision.document === 'age')
        .map((e) => e.decision.choice),
    ).toEqual(['adult', 'adult'])
  })
})
