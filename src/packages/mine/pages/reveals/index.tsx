import { View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { AppShell } from '@/components/AppShell'
import { ensureLoggedIn, useSession } from '@/features/auth'
import { StateView } from '@/features/listings'
import { RevealLogList, useRevealLog } from '@/features/mine'
import '../mine.scss'

/** `?listingId=` for one listing's log; without it, the log of all the member's listings. */
export default function RevealLogPage() {
  const { params } = useRouter()
  const session = useSession()
  const log = useRevealLog(params.listingId)

  return (
    <AppShell>
      <View className="mine-page">
        {session ? (
          <RevealLogList log={log} showListing={!params.listingId} />
        ) : (
          <StateView
            kind="empty"
            title="登录后查看谁看过你的联系方式"
            actionText="登录"
            onAction={() => void ensureLoggedIn('查看谁看过你的联系方式')}
          />
        )}
      </View>
    </AppShell>
  )
}
