import { Button } from '@tarojs/components'
import { logIn } from '../../login-flow'
import { useSession } from '../../use-session'
import './index.scss'

/** The header's 「登录」 for a guest; a member finds their account under the 我的 tab. */
export function AccountEntry() {
  const session = useSession()
  return session ? null : (
    <Button className="account-entry account-entry--login" onClick={() => void logIn()}>
      登录
    </Button>
  )
}
