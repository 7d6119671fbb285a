import { useCallback, useEffect, useState } from 'react'
import { CLIENT_PLATFORM } from '@/services/client-info'
import { readAuthSetting } from '@/platform/permissions'

/**
 * Each device capability the app uses, what for, and the setting that governs it where the platform
 * keeps one (`getSetting` keys: WeChat `scope.*`, Alipay bare names). Matches the 隐私政策's 设备权限
 * and the WeChat privacy guide (config/wechat-privacy-guide.json).
 */
export interface DevicePermission {
  key: string
  name: string
  purpose: string
  /** The authSetting key on this platform, when it keeps one. */
  scope?: { weapp?: string; alipay?: string }
  /** When no setting is kept: how the member decides each time. */
  eachTime: string
}

export const DEVICE_PERMISSIONS: DevicePermission[] = [
  {
    key: 'phone',
    name: '手机号',
    purpose: '登录，以及注销账号时再次验证身份：微信或支付宝在你同意后把绑定的手机号提供给我们',
    scope: { alipay: 'phoneNumber' },
    eachTime: '每次登录时由你在授权弹窗中决定',
  },
  {
    key: 'album',
    name: '相册和相机（选择图片）',
    purpose: '设置头像、为发布的信息添加图片：只读取你选中的图片',
    scope: { alipay: 'album' },
    eachTime: '每次由你在系统的选择界面中挑选',
  },
  {
    key: 'contacts',
    name: '通讯录（仅写入）',
    purpose: '「存入通讯录」：把发布者的联系方式写入你的通讯录，不读取通讯录',
    scope: { weapp: 'scope.addPhoneContact' },
    eachTime: '每次由系统的新建联系人界面确认',
  },
  {
    key: 'clipboard',
    name: '剪贴板（仅写入）',
    purpose: '「复制」微信号、QQ 号或分享链接，不读取剪贴板',
    eachTime: '只在你点击「复制」时写入',
  },
  {
    key: 'call',
    name: '拨打电话',
    purpose: '「拨打电话」：由系统拨号界面发起，我们不获取通话信息',
    eachTime: '每次由系统拨号界面确认',
  },
]

export type PermissionState = 'allowed' | 'refused' | 'not-asked' | 'each-time'

export const PERMISSION_STATE_LABELS: Record<PermissionState, string> = {
  allowed: '已允许',
  refused: '已拒绝',
  'not-asked': '尚未询问',
  'each-time': '使用时询问',
}

function stateOf(permission: DevicePermission, setting: Record<string, boolean> | null): PermissionState {
  const scope = CLIENT_PLATFORM === 'h5' ? undefined : permission.scope?.[CLIENT_PLATFORM]
  if (!scope || !setting) return 'each-time'
  if (!(scope in setting)) return 'not-asked'
  return setting[scope] ? 'allowed' : 'refused'
}

export interface PermissionsView {
  items: Array<DevicePermission & { state: PermissionState }>
  /** The platform keeps settings the app can read and open (not in a browser). */
  hasSettings: boolean
  refresh(): Promise<void>
}

/** The states as the platform reports them; read again whenever the page shows (after 去设置). */
export function usePermissions(): PermissionsView {
  const [setting, setSetting] = useState<Record<string, boolean> | null>(null)
  const refresh = useCallback(async () => {
    try {
      setSetting(await readAuthSetting())
    } catch {
      setSetting(null)
    }
  }, [])
  useEffect(() => {
    void refresh()
  }, [refresh])
  return {
    items: DEVICE_PERMISSIONS.map((p) => ({ ...p, state: stateOf(p, setting) })),
    hasSettings: CLIENT_PLATFORM !== 'h5',
    refresh,
  }
}
