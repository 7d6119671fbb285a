import type { PolicyDocumentId } from '../contracts/consent'
import type { PolicyEdition } from './documents'

/**
 * The version and change history of each document. Changing what a document says means a new version
 * here and a change entry, newest first; `material: true` when users must consent again (what is
 * collected, why, how long it is kept, who receives it), false for wording and clarifications.
 */
export const privacyEdition: PolicyEdition = {
  id: 'privacy',
  title: '质能视界隐私政策',
  version: '1.6.0',
  effectiveDate: '2026-12-02',
  changes: [
    {
      version: '1.6.0',
      date: '2026-12-02',
      material: true,
      summary: [
        '意见反馈与隐私请求：在“我的”中可以提交意见反馈、投诉和查阅、更正、删除、撤回同意等请求（未登录也可以），并查看处理状态和答复；我们在 15 个工作日内答复，拒绝时写明理由。请求和答复保存 3 年，注销账号时一并删除。',
        'IP属地：你发布或修改信息、发表评论时，我们用离线数据库由当时的网络地址查出所在省份（境外为国家），随信息、评论和你的发布者名片展示，只保存省份或国家、不保存网络地址；查看联系方式时，你也可以逐项勾选名片内容一并发给发布者，删除名片后发布者尚未看到的随即撤回。',
      ],
      inventoryDigest: '02a341afccd81be3968fe769be7bd3362e6f84b1ac05601769d54cd4d87e7f4a',
    },
    {
      version: '1.5.0',
      date: '2026-12-02',
      material: true,
      summary: [
        '留言咨询：你可以就一条信息给发布者留言，双方在私密会话中回复；可以屏蔽对方、举报会话，只有被举报的会话由审核员查看。会话和消息保存到你注销账号为止。',
        '名片：只在你每次选择时、按你逐项勾选的内容发给会话的另一方；删除名片后，对方尚未读到的名片随即撤回。',
      ],
      inventoryDigest: '5dc63aedb117aa7775d0b5ce8a9279cc08c72f1531467767b5f5b72cd6cfa87a',
    },
    {
      version: '1.4.0',
      date: '2026-12-02',
      material: true,
      summary: [
        '审核与申诉：说明审核员如何处理待复核和被举报的内容，处理结果和理由如何通知你，以及处理后 180 天内的申诉方式。',
        '新增保存的记录：处理记录、申诉、处罚记录和站内通知保存到注销账号为止；审核日志只含匿名代号，保存 3 年；重复提交的记录保存 6 个月。',
        '被封禁的账号在“处罚公示”中只显示部分隐藏的昵称、规则和日期。',
        '站内通知：说明“消息”中有哪些通知、哪些可以在通知设置中关闭、哪些与你的权利相关不能关闭；在微信中同意接收的订阅消息向微信提供哪些信息。',
        '图片检测：在微信中发布的图片提交微信内容安全接口检测，结果返回前暂不展示；其他平台首次发布者的图片由审核员查看后展示。',
      ],
      inventoryDigest: 'e250307224303d4fc6a8b6a350c9f0e435575101e2c81313ad80ba93bfa66bae',
    },
    {
      version: '1.3.0',
      date: '2026-12-01',
      material: true,
      summary: [
        '数据备份：服务器数据每天备份一次，每份备份最多保存 30 天，期满删除。',
        '从备份恢复数据时，备份之后注销的账号会被再次删除；为此另行保存已注销账号的随机编号和注销时间，不含其他信息。',
      ],
      inventoryDigest: 'e606cfe076598edfff16ab91fe9fee043f4b71d20316ea5946fd09436d7454b0',
    },
    {
      version: '1.2.0',
      date: '2026-12-01',
      material: true,
      summary: [
        '注销账号：说明再次验证身份的方式、7 天冷静期及撤销方法、冷静期后删除哪些信息、依法留存的安全日志如何处理，以及不含个人信息的删除回执。',
        '安全日志保存 6 个月后匿名化（去掉账号编号和网络地址，不再指向你），匿名的记录只用于统计登录次数，满 1 年后删除。',
        '上传后 24 小时内没有用于任何信息的图片会被删除；到期的记录由每天运行一次的清理任务处理。',
      ],
      inventoryDigest: '69b9cfa7347900bb251c964b07ad52e1a2963d0135618b800439aaf6e2a2e3ba',
    },
    {
      version: '1.1.0',
      date: '2026-12-01',
      material: true,
      summary: [
        '新增“我的数据”：可以按类别查看、导出你的个人信息，管理设备权限，撤回同意，并查看个人信息收集清单和第三方信息共享清单。',
        '写明短信服务和云服务受托方的公司名称；短信验证码 5 分钟内有效、当天过后删除；登录凭证 30 天到期。',
      ],
      inventoryDigest: 'b76a41c9dfa945d7c5e40af3f76a0f1f800becb366bce2525c8f57ae7dec618e',
    },
    {
      version: '1.0.0',
      date: '2026-11-29',
      material: true,
      summary: ['首次发布：说明我们处理哪些个人信息、为什么处理、保存多久，以及你如何行使自己的权利。'],
    },
  ],
}

export const termsEdition: PolicyEdition = {
  id: 'terms',
  title: '质能视界用户协议',
  version: '1.1.0',
  effectiveDate: '2026-12-01',
  changes: [
    {
      version: '1.1.0',
      date: '2026-12-01',
      material: true,
      summary: [
        '新增“六、平台规则”：按编号列出平台规则，每一项对你不利的处理都会引用其中一条并写明事实。',
        '审核与违规处理：处罚的种类和期限；处理结果、理由和申诉方式的通知；处理后 180 天内可申诉一次，由另一位审核员复核；被多名用户举报的内容先行隐藏；举报人会收到处理结果；封禁的账号在“处罚公示”中公示（打码账号、规则和日期）。',
      ],
    },
    {
      version: '1.0.0',
      date: '2026-11-29',
      material: true,
      summary: ['首次发布：说明平台提供的服务、发布信息的规则和双方的责任。'],
    },
  ],
}

export const policyEditions: Readonly<Record<PolicyDocumentId, PolicyEdition>> = {
  privacy: privacyEdition,
  terms: termsEdition,
}
