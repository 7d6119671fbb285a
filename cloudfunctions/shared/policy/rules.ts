import type { Rule } from '../contracts/moderation'

/**
 * The platform rules every adverse moderation decision cites, numbered by section. These are the seeded
 * defaults: the moderation domain stores them as data on first use, and the 用户协议 lists them, so what a
 * member agreed to and what a moderator cites are the same numbers.
 */
export const RULE_SECTIONS: Array<{ number: string; title: string; rules: Rule[] }> = [
  {
    number: '1',
    title: '信息真实',
    rules: [
      { id: '1.1', title: '虚假信息', description: '发布不存在的合作需求、虚构企业资质、业绩或合作条件。' },
      { id: '1.2', title: '冒用他人身份', description: '冒用他人或其他企业的名称、商标、联系方式发布信息。' },
      { id: '1.3', title: '分类或内容不符', description: '所选分类与内容不符，或标题与正文描述的不是同一件事。' },
      { id: '1.4', title: '重复发布', description: '短时间内反复发布相同或高度相似的信息，挤占他人的展示机会。' },
    ],
  },
  {
    number: '2',
    title: '尊重他人',
    rules: [
      { id: '2.1', title: '辱骂与人身攻击', description: '在信息或评论中辱骂、歧视、威胁他人。' },
      { id: '2.2', title: '侵犯他人权利', description: '未经同意公开他人的个人信息，或侵犯他人的知识产权、名誉权。' },
      { id: '2.3', title: '联系方式骚扰', description: '利用查看到的联系方式反复推销、骚扰，或批量收集联系方式。' },
    ],
  },
  {
    number: '3',
    title: '合法合规',
    rules: [
      { id: '3.1', title: '违法违规内容', description: '发布法律法规禁止的内容，或违法经营、未取得必要许可的项目。' },
      {
        id: '3.2',
        title: '诈骗与非法集资',
        description: '以高额回报、保本收益等诱导投资，或收取押金后不履约等诈骗行为。',
      },
      { id: '3.3', title: '色情低俗', description: '发布色情、低俗或引人不适的文字和图片。' },
      { id: '3.4', title: '诱导站外交易风险', description: '以虚假理由诱导用户到站外付款、转账或下载不明软件。' },
    ],
  },
  {
    number: '4',
    title: '平台秩序',
    rules: [
      { id: '4.1', title: '广告与垃圾信息', description: '发布与合作需求无关的广告、引流或无意义内容。' },
      { id: '4.2', title: '恶意举报', description: '明知不实仍反复举报他人，干扰正常的审核。' },
      { id: '4.3', title: '规避处罚', description: '在处罚期间用其他账号继续发布，或以其他方式规避处罚。' },
    ],
  },
]

export const DEFAULT_RULES: Rule[] = RULE_SECTIONS.flatMap((section) => section.rules)
