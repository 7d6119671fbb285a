import type { DeviceData } from '../common/personal-data'

/**
 * What the app keeps only on the device (WeChat/Alipay local cache, the browser's localStorage) and never
 * sends to us. The keys are the app's own (src/**; a test holds the two together).
 */
export const DEVICE_DATA: DeviceData[] = [
  {
    key: 'zn.session.v1',
    category: 'account',
    label: '登录凭证和你的资料摘要（手机号只有部分隐藏的形式）',
    purpose: '保持登录',
    retention: '退出登录、撤回同意或凭证到期（30 天）时删除',
  },
  {
    key: 'zn.consent.v1',
    category: 'consent',
    label: '登录前对隐私政策、用户协议和年龄确认的选择',
    purpose: '登录时随请求提交，记录到账号的同意记录中',
    retention: '清除小程序或浏览器数据时删除',
  },
  {
    key: 'zn.policy-published.v1',
    category: 'platform',
    label: '平台当前发布的隐私政策和用户协议版本号（不含个人信息）',
    purpose: '判断是否需要请你阅读并同意新版本',
    retention: '清除小程序或浏览器数据时删除',
  },
  {
    key: 'zn.browse-history.v1',
    category: 'interaction',
    label: '浏览记录（最近看过的信息）',
    purpose: '在「浏览记录」中找回看过的信息',
    retention: '保存最近 50 条，可在「浏览记录」中清除',
  },
  {
    key: 'zn.search-history.v1',
    category: 'interaction',
    label: '搜索记录（最近的关键词）',
    purpose: '在搜索页快速重新搜索',
    retention: '保存最近 10 条，可在搜索页清除',
  },
  {
    key: 'zn.publish-draft.v1',
    category: 'content',
    label: '未提交的发布草稿',
    purpose: '发布中断后继续填写',
    retention: '发布成功或放弃草稿时删除',
  },
]
