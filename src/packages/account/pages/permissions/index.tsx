import { Button, Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { AppShell } from '@/components/AppShell'
import { PERMISSION_STATE_LABELS, usePermissions } from '@/features/privacy'
import { openAppSettings } from '@/platform/contacts'
import '../privacy.scss'

/**
 * Each device permission the app uses, what for, and its state as the platform reports it (`getSetting`);
 * 去设置 opens the mini-program's settings (`openSetting`). A browser keeps no such list: it asks each time.
 */
export default function PermissionsPage() {
  const permissions = usePermissions()

  // Back from the settings page, the states may have changed.
  useDidShow(() => {
    void permissions.refresh()
  })

  return (
    <AppShell>
      <View className="privacy-page permissions-page">
        <View className="privacy-page__card">
          <Text className="privacy-page__intro">
            我们只在你使用相关功能时请求对应权限；拒绝某项权限只影响对应功能。
            {permissions.hasSettings
              ? '已授予的权限可以在小程序设置中随时关闭。'
              : '网页版不保存任何权限：浏览器会在每次使用时询问你。'}
          </Text>
          {permissions.items.map((item) => (
            <View key={item.key} className={`privacy-page__item permissions-page__item--${item.key}`}>
              <View className="privacy-page__item-head">
                <Text className="privacy-page__item-name">{item.name}</Text>
                <Text
                  className={`privacy-page__state permissions-page__state${item.state === 'refused' ? ' privacy-page__state--refused' : ''}`}
                >
                  {PERMISSION_STATE_LABELS[item.state]}
                </Text>
              </View>
              <Text className="privacy-page__line">{item.purpose}</Text>
              {item.state === 'each-time' ? <Text className="privacy-page__line">{item.eachTime}</Text> : null}
            </View>
          ))}
          {permissions.hasSettings ? (
            <Button className="privacy-page__primary permissions-page__open" onClick={() => void openAppSettings()}>
              去设置
            </Button>
          ) : null}
        </View>
      </View>
    </AppShell>
  )
}
