import { cleanup, render, screen } from '@testing-library/react'
import ProfilePage from '@/packages/account/pages/profile/index'
import { logInOnDevice } from '../../../../support/web/member'
import { installFakeNetwork, type FakeNetwork } from '../../../../support/web/network'

let network: FakeNetwork

beforeEach(async () => {
  network = await installFakeNetwork({ seed: false })
  await logInOnDevice(network, '13812340009')
})

afterEach(async () => {
  cleanup()
  await network.restore()
})

describe('profile page: its controls say what they are', () => {
  it('the avatar is a button named 更换头像, 更换手机号 a button too (a keyboard reaches both on H5)', async () => {
    render(<ProfilePage />)
    const avatar = await screen.findByRole('button', { name: '更换头像' })
    expect(avatar.classList.contains('profile-page__avatar')).toBe(true)
    expect(screen.getByRole('button', { name: /更换手机号/ }).classList.contains('profile-page__link--phone')).toBe(
      true,
    )
  })
})
