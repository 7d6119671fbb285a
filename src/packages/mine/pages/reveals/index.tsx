import { View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { AppShell } from '@/components/AppShell'
import { MemberGate, useSession } from '@/features/auth'
import { RevealLogList, useRevealLog } from '@/features/mine'
import '../mine.scss'

/** `?listingId=` for one listing's log; without it, the log of all the member's listings. */
export default function RevealLogPage() {
  const { params } = useRouter()
  const session = useSession()
  const log = useRevealLog(params.listingId)

  return (
    <AppShell>
      <MemberGate member={session} purpose="查看谁看过你的联系方式" className="mine-page">
        {() => (
          <View className="mine-page">
            <RevealLogList log={log} showListing={!params.listingId} />
          </View>
        )}
      </MemberGate>
    </AppShell>
  )
}
