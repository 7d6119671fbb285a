import type { CategoryDoc, ListingDoc } from '@shared/domain/listings/listing'
import { searchTermsOf } from '@shared/domain/listings/search-terms'
import type { ListingStatus } from '@shared/contracts/listings'

/**
 * Demo data for the self-hosted default: invented companies and brands, and contacts that are
 * obviously not real (phone numbers start with 123, which no Chinese carrier issues; WeChat IDs start
 * with demo_). Generated from templates with a fixed-seed generator, so every fresh database gets the
 * same listings, timed relative to the moment of seeding.
 */
export interface DemoData {
  categories: CategoryDoc[]
  listings: ListingDoc[]
}

const DAY = 24 * 60 * 60 * 1000

const shown = { shown: true, required: false }
const required = { shown: true, required: true }
const hidden = { shown: false, required: false }

/**
 * The default categories, each declaring what it collects (the policy: different categories collect
 * different information). A category added later is just another document like these.
 */
export const demoCategories: CategoryDoc[] = [
  {
    _id: 'brand-franchise',
    name: '品牌招商',
    order: 1,
    fields: { company: required, brand: required, region: shown },
    extraFields: [
      { key: 'franchiseFee', label: '加盟费用', required: false, maxLength: 30, placeholder: '如：5–10 万元' },
      { key: 'storeCount', label: '门店数量', required: false, maxLength: 20, placeholder: '如：全国 120 家' },
    ],
  },
  {
    _id: 'agency',
    name: '代理加盟',
    order: 2,
    fields: { company: required, brand: shown, region: required },
    extraFields: [
      { key: 'firstOrder', label: '首批进货额', required: false, maxLength: 30, placeholder: '如：3 万元起' },
    ],
  },
  {
    _id: 'supply',
    name: '产品供应',
    order: 3,
    fields: { company: required, brand: shown, images: shown },
    extraFields: [{ key: 'minOrder', label: '起订量', required: false, maxLength: 30, placeholder: '如：100 件起订' }],
  },
  {
    _id: 'purchasing',
    name: '采购需求',
    order: 4,
    fields: { company: shown, brand: hidden, region: required },
    extraFields: [
      { key: 'quantity', label: '采购数量', required: false, maxLength: 30, placeholder: '如：每月 500 箱' },
      { key: 'deadline', label: '截止时间', required: false, maxLength: 20, placeholder: '如：6 月底前' },
    ],
  },
  {
    _id: 'project',
    name: '项目合作',
    order: 5,
    fields: { company: shown, brand: shown, region: required },
    extraFields: [
      { key: 'cooperationMode', label: '合作方式', required: false, maxLength: 30, placeholder: '如：联营、托管' },
    ],
  },
  {
    _id: 'capital',
    name: '资金合作',
    order: 6,
    fields: { company: shown, brand: hidden, region: shown },
    extraFields: [{ key: 'amount', label: '资金规模', required: false, maxLength: 30, placeholder: '如：500 万元' }],
  },
  {
    _id: 'tech-service',
    name: '技术服务',
    order: 7,
    fields: { company: required, brand: shown, region: shown },
    extraFields: [
      { key: 'serviceScope', label: '服务范围', required: false, maxLength: 50, placeholder: '如：小程序开发、运维' },
    ],
  },
  {
    _id: 'venue',
    name: '场地资源',
    order: 8,
    fields: { company: shown, brand: hidden, region: required, images: shown },
    extraFields: [
      { key: 'area', label: '面积', required: false, maxLength: 20, placeholder: '如：120 平方米' },
      { key: 'rent', label: '租金', required: false, maxLength: 30, placeholder: '如：8000 元/月' },
    ],
  },
]

const REGIONS: Array<[province: string, city: string]> = [
  ['北京市', '北京'],
  ['上海市', '上海'],
  ['广东省', '广州'],
  ['广东省', '深圳'],
  ['浙江省', '杭州'],
  ['四川省', '成都'],
  ['湖北省', '武汉'],
  ['陕西省', '西安'],
  ['江苏省', '南京'],
  ['重庆市', '重庆'],
  ['湖南省', '长沙'],
  ['河南省', '郑州'],
  ['江苏省', '苏州'],
  ['山东省', '青岛'],
]

const BRANDS = ['青禾', '澜岳', '木棉里', '星垣', '知味坊', '云栖', '拾光', '橙果', '北辰', '溪山', '麦田纪', '森屿']
const COMPANY_SUFFIX = [
  '商贸有限公司',
  '实业有限公司',
  '科技有限公司',
  '餐饮管理有限公司',
  '供应链有限公司',
  '文化传媒有限公司',
]
const SURNAMES = ['张', '王', '李', '赵', '陈', '刘', '杨', '黄', '周', '吴', '徐', '孙']
const TITLES = ['经理', '总监', '主管', '女士', '先生']

interface Template {
  titles: string[]
  descriptions: string[]
}

// {b} brand, {c} city, {p} product word, {n} a number.
const TEMPLATES: Record<string, Template & { products: string[] }> = {
  'brand-franchise': {
    products: ['茶饮', '烘焙', '火锅', '轻食', '社区生鲜', '儿童托管', '宠物美容'],
    titles: ['{b}{p}品牌全国招商，{c}首批名额开放', '{b}{p}区域合伙人招募', '{p}连锁品牌{b}诚招{c}加盟商'],
    descriptions: [
      '{b}{p}已在全国开设{n}家门店，提供选址评估、装修设计、人员培训和开业督导一条龙支持。{c}及周边地区现开放首批名额，欢迎有门店运营经验的伙伴洽谈。',
      '总部统一供货、统一培训，单店投资可控，回本周期清晰。诚邀{c}本地有资源、认同品牌理念的合作伙伴，面谈可参观直营店。',
    ],
  },
  agency: {
    products: ['净水设备', '智能门锁', '有机肥料', '办公耗材', '新能源充电桩', '母婴用品', '家用储能'],
    titles: ['{p}{c}市级代理招募', '{b}{p}诚招区域代理', '{p}独家代理权转让洽谈（{c}）'],
    descriptions: [
      '{b}{p}寻找{c}区域代理，厂家直供价格，提供样品、宣传物料和售后技术支持，代理区域保护，年销售额达标另有返点。',
      '产品已通过相关认证，线上线下渠道均可合作。希望代理商有本地渠道或门店资源，首批提货量可协商。',
    ],
  },
  supply: {
    products: ['冷链水果', '农家大米', '不锈钢餐具', '纸箱包装', '工装服装', '茶叶礼盒', 'LED 照明'],
    titles: ['{p}长期稳定供应，{c}可送货', '源头工厂供应{p}，支持定制', '{b}{p}批发，量大从优'],
    descriptions: [
      '自有工厂和仓储，{p}常年现货，支持小批量试单与来样定制，{c}市内两日内送达，外地物流发货。可开具发票。',
      '专注{p}{n}年，服务过商超、餐饮和企业团购客户，价格透明，质量问题包退换。欢迎采购负责人联系索取样品。',
    ],
  },
  purchasing: {
    products: ['办公家具', '员工工作餐', '宣传印刷品', '劳保用品', '会议场地', '咖啡豆', '电动叉车'],
    titles: ['长期采购{p}，寻{c}本地供应商', '{b}公司求购{p}一批', '诚征{p}供应商（{c}）'],
    descriptions: [
      '因业务扩张，需长期采购{p}，月需求量约{n}单位。要求供应商具备正规资质，可提供样品和报价单，{c}本地优先。',
      '本次采购计划在一个月内完成，欢迎有经验的供应商报价，请注明交期、付款方式及售后条款。',
    ],
  },
  project: {
    products: ['文旅小镇', '社区养老', '直播基地', '共享仓储', '乡村民宿', '校园食堂', '城市更新'],
    titles: ['{c}{p}项目寻合作方', '{b}{p}项目招募运营伙伴', '{p}项目合作洽谈（{c}）'],
    descriptions: [
      '{c}{p}项目已完成前期规划，现寻找有运营经验的合作方共同推进，可采用联营、托管或合资方式，具体条款面谈。',
      '项目位于{c}核心区域，配套齐全，已有{n}家意向商户。欢迎有相关案例的团队联系，可提供项目资料。',
    ],
  },
  capital: {
    products: ['连锁门店扩张', '设备融资租赁', '农业种植', '跨境电商', '新消费品牌', '智能制造', '教育培训'],
    titles: ['{p}项目寻求投资，{c}', '{b}{p}开放股权合作', '资金方寻{c}优质{p}项目'],
    descriptions: [
      '{p}方向项目，现有营收稳定，计划融资用于扩大规模，可提供经营数据与商业计划书，欢迎投资机构或个人投资者洽谈。',
      '我方有意向投资{c}地区{p}相关项目，单笔规模可谈，要求团队完整、财务规范。请先发送项目简介。',
    ],
  },
  'tech-service': {
    products: ['小程序开发', '企业官网建设', 'ERP 实施', '短视频代运营', '数据分析', '网络安全评估', '软件测试'],
    titles: ['{p}服务，{c}团队驻场', '{b}科技承接{p}', '专业{p}，可签长期合同'],
    descriptions: [
      '团队{n}人，承接{p}，从需求梳理、原型设计到交付上线全程跟进，按里程碑付款，交付后提供免费维护期。',
      '服务过零售、制造、教育等行业客户，{c}本地可上门沟通。先出方案后报价，不满意不收费。',
    ],
  },
  venue: {
    products: ['临街商铺', '仓库厂房', '共享办公工位', '展会展位', '活动场地', '中央厨房', '社区底商'],
    titles: ['{c}{p}出租，可短租', '{p}转让，{c}成熟商圈', '{b}园区{p}招租'],
    descriptions: [
      '{c}{p}，面积约{n}平方米，交通便利，水电齐全，可注册公司，租期灵活，欢迎实地看场。',
      '位于成熟商圈，周边人流稳定，适合零售、餐饮或办公使用。现房可即租，租金可议，看场请提前预约。',
    ],
  },
}

/** mulberry32: a tiny deterministic generator, so the demo is the same on every machine. */
function generator(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function buildDemoData(now: number, count = 240): DemoData {
  const random = generator(20261129)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]
  const categoryIds = demoCategories.map((c) => c._id)
  const listings: ListingDoc[] = []
  for (let i = 0; i < count; i++) {
    const category = categoryIds[i % categoryIds.length]
    const template = TEMPLATES[category]
    const [province, city] = pick(REGIONS)
    const brand = pick(BRANDS)
    const product = pick(template.products)
    const fill = (text: string) =>
      text
        .replaceAll('{b}', brand)
        .replaceAll('{c}', city)
        .replaceAll('{p}', product)
        .replaceAll('{n}', String(3 + Math.floor(random() * 120)))
    const seq = String(i + 1).padStart(4, '0')
    const publishedAt = now - Math.floor(random() * 45 * DAY) - i * 60_000
    // Categories that do not collect a brand show none, as a listing published through the app would.
    const brandShown = demoCategories.find((c) => c._id === category)?.fields?.brand?.shown !== false
    const content = {
      title: fill(pick(template.titles)),
      description: template.descriptions.map(fill).join('\n\n'),
      company: `${city}${brand}${pick(COMPANY_SUFFIX)}`,
      brand: brandShown ? brand : '',
    }
    listings.push({
      _id: `demo-${seq}`,
      category,
      ...content,
      province,
      city,
      // Posted from where the business is, as most are (a demo label, not looked up from any address).
      ipRegion: province.replace(/(省|市)$/, ''),
      images: [],
      contact: {
        name: `${pick(SURNAMES)}${pick(TITLES)}`,
        phone: `1230000${seq}`,
        wechat: `demo_${brand.length}${seq}`,
        qq: `9000${seq}`,
        public: { name: true, phone: true, wechat: random() < 0.7, qq: random() < 0.3 },
      },
      posterId: `demo-poster-${(i % 37) + 1}`,
      status: demoStatus(i),
      createdAt: publishedAt - 10 * 60_000,
      updatedAt: publishedAt,
      publishedAt,
      refreshedAt: publishedAt,
      expiresAt: i % 50 === 7 ? now - DAY : publishedAt + (60 + Math.floor(random() * 120)) * DAY,
      validityDays: 90,
      viewCount: Math.floor(random() * 800),
      terms: searchTermsOf(content),
      reviewReason: null,
      rev: 1,
    })
  }
  return { categories: demoCategories, listings }
}

/** A few listings that must never show publicly: pending review and taken down. */
function demoStatus(i: number): ListingStatus {
  if (i % 40 === 13) return 'pending'
  if (i % 40 === 27) return 'takenDown'
  return 'published'
}
