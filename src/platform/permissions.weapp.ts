import Taro from '@tarojs/taro'

/** What the member allowed or refused so far (`scope.*` → true/false); scopes never asked are absent. */
export async function readAuthSetting(): Promise<Record<string, boolean> | null> {
  const { authSetting } = await Taro.getSetting()
  return authSetting as Record<string, boolean>
}
