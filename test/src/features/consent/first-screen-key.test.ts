import { CONSENT_STORAGE_KEY as SERVER_READS } from '@shared/contracts/first-screen'
import { CONSENT_STORAGE_KEY } from '@/features/consent'

describe('the server’s first screen and the app agree on the device’s consent ledger', () => {
  it('the page’s script asks for the key the consent store writes', () => {
    expect(SERVER_READS).toBe(CONSENT_STORAGE_KEY)
  })
})
