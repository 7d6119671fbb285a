import Taro from '@tarojs/taro'

/** Scene 1154: a card opened from 朋友圈 runs in single-page mode (no login, no open-type buttons). */
const TIMELINE_SINGLE_PAGE = 1154

export function isTimelineSinglePage(): boolean {
  try {
    return Taro.getEnterOptionsSync().scene === TIMELINE_SINGLE_PAGE
  } catch {
    // Old base libraries, or a runtime without launch options: an ordinary launch.
    return false
  }
}
