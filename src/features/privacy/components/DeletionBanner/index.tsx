import { Button, Text, View } from '@tarojs/components'
import type { AccountDeletionView } from '../../account-deletion'
import { chinaDate } from '../../pending-deletion'
import './index.scss'

/** A pending account deletion on 我的 and 我的数据: when it happens, and 「撤销注销」. Nothing otherwise. */
export function DeletionBanner({ deletion }: { deletion: AccountDeletionView }) {
  const { state } = deletion
  if (state?.state !== 'pending') return null
  return (
    <View className="deletion-banner">
      <Text className="deletion-banner__title">账号将于 {chinaDate(state.purgeAt ?? Date.now())} 注销</Text>
      <Text className="deletion-banner__text">
        你已申请注销账号，到期后账号和数据将被删除且无法恢复。撤销后，账号和发布的信息恢复原状。
      </Text>
      <Button
        className="deletion-banner__undo"
        disabled={deletion.undoing || undefined}
        loading={deletion.undoing}
        onClick={() => void deletion.undo()}
      >
        撤销注销
      </Button>
    </View>
  )
}
