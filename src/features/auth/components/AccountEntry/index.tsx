import { Button } from '@tarojs/components'
import { logIn, openMine } from '../../login-flow'
import { useSession } from '../../use-session'
import './index.scss'

/** The header's way into the account: 「登录」 for a guest, 「我的」 once logged in. */
export function AccountEntry() {
  const session = useSession()
  return session ? (
    <Button className="account-entry account-entry--mine" onClick={() => void openMine()}>
      我的
    </Button>
  ) : (
    <Button className="account-entry account-entry--login" onClick={() => void logIn()}>
      登录
    </Button>
  )
}
