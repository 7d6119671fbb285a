/**
 * Browsers and Alipay have no timeline single-page mode. (On WeChat see launch-scene.weapp.ts.)
 */
export function isTimelineSinglePage(): boolean {
  return false
}
