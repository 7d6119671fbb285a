import { fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { policyDocuments } from '@shared/policy'
import { DEFAULT_RULES } from '@shared/policy/rules'
import PolicyPage from '@/packages/account/pages/policy/index'
import { openRoute } from '../../../../support/web/page'

beforeEach(() => {
  jest.spyOn(Taro, 'setNavigationBarTitle').mockResolvedValue({ errMsg: 'setNavigationBarTitle:ok' })
})

afterEach(() => {
  jest.restoreAllMocks()
})

describe('the policy page', () => {
  it.each(['privacy', 'terms'] as const)(
    '?doc=%s shows the whole document: version, effective date, every section and the change history',
    (doc) => {
      const document = policyDocuments[doc]
      openRoute('/packages/account/pages/policy/index', { doc })
      const { container } = render(<PolicyPage />)

      expect(container.querySelector('.policy-page__title')?.textContent).toBe(document.title)
      expect(container.querySelector('.policy-page__meta')?.textContent).toBe(
        `版本 ${document.version} · ${document.effectiveDate} 起生效`,
      )
      const headings = Array.from(container.querySelectorAll('.policy-page__heading')).map((h) => h.textContent)
      expect(headings).toEqual([...document.sections.map((s) => s.heading), '修订记录'])
      for (const paragraph of document.sections.flatMap((s) => s.paragraphs)) {
        expect(screen.getByText(paragraph)).toBeTruthy()
      }
      expect(container.querySelector('.policy-page__change-title')?.textContent).toBe(
        `${document.changes[0].version}（${document.changes[0].date}）· 重要变更`,
      )
      expect(Taro.setNavigationBarTitle).toHaveBeenCalledWith({ title: document.title })
    },
  )

  it('the 用户协议 lists every platform rule by the number decisions cite, and links to 处罚公示', () => {
    jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    openRoute('/packages/account/pages/policy/index', { doc: 'terms' })
    const { container } = render(<PolicyPage />)

    for (const rule of DEFAULT_RULES)
      expect(screen.getByText(`${rule.id} ${rule.title}：${rule.description}`)).toBeTruthy()
    fireEvent.click(container.querySelector('.policy-page__penalties-link')!)
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/account/pages/penalties/index' })
  })

  it('an unknown document name shows the privacy policy rather than nothing', () => {
    openRoute('/packages/account/pages/policy/index', { doc: 'cookies' })
    const { container } = render(<PolicyPage />)

    expect(container.querySelector('.policy-page__title')?.textContent).toBe(policyDocuments.privacy.title)
  })
})

describe('the privacy policy says what the code does', () => {
  const text = policyDocuments.privacy.sections.flatMap((s) => [s.heading, ...s.paragraphs]).join('\n')

  it.each([
    ['where data is processed', /腾讯云开发（CloudBase）/],
    ['the self-hosted alternative', /自行部署的服务器/],
    ['phone verified by SMS or by the platform', /短信验证码[\s\S]*微信[\s\S]*支付宝/],
    ['platform identifiers', /OpenID/],
    ['optional profile fields', /昵称、头像、公司名称和品牌名称/],
    ['separate consent per contact field', /单独同意/],
    ['reveal logs', /查看完整联系方式都会被记录/],
    ['the consent ledger', /同意记录|每一次选择/],
    ['the security log, truncated IP, 6 months', /前三段[\s\S]*6 个月/],
    ['device-only history', /只保存在你的设备上/],
    ['permissions only when used', /拨打电话[\s\S]*剪贴板[\s\S]*写入通讯录[\s\S]*选择图片/],
    ['no analytics or ads SDK', /不接入任何统计分析或广告 SDK/],
    ['guardian consent under 14', /未满 14 周岁/],
    ['cancellation within 15 working days', /冷静期[\s\S]*15 个工作日/],
    ['how to withdraw consent', /撤回同意/],
    ['a contact channel', /privacy@zhineng-demo\.example/],
  ])('%s', (_what, pattern) => {
    expect(text).toMatch(pattern)
  })
})
