import { createIp2RegionLookup, regionLabel } from '@shared/drivers/ip2region/ip2region-lookup'

/** Against the real database files the ip2region package ships (the ones the bundles carry). */
describe('IP属地 from the offline ip2region database', () => {
  const lookup = createIp2RegionLookup()

  // 114DNS (Nanjing), China Telecom Guangzhou, China Unicom Beijing, AliDNS (Hangzhou), Chongqing Telecom; an
  // IPv4-mapped IPv6 form, as Node reports a dual-stack socket's peer; Hong Kong, Macao and Taiwan as 中国…;
  // addresses abroad by their country; IPv6 from the package's second file.
  it.each([
    ['114.114.114.114', '江苏'],
    ['202.96.128.86', '广东'],
    ['123.125.114.144', '北京'],
    ['223.5.5.5', '浙江'],
    ['61.128.128.68', '重庆'],
    ['::ffff:114.114.114.114', '江苏'],
    ['203.198.7.66', '中国香港'],
    ['202.175.3.8', '中国澳门'],
    ['168.95.1.1', '中国台湾'],
    ['8.8.8.8', '美国'],
    ['1.1.1.1', '澳大利亚'],
    ['240e:47d:c20:1627:30a3:ba0d:a5e6:ec19', '广东'],
    ['2a00:1450:4001:81b::200e', '德国'],
  ])('%s → %s', (ip, label) => {
    expect(lookup.labelOf(ip)).toBe(label)
  })

  it('a private, missing, anycast or malformed address is 未知', () => {
    for (const ip of ['127.0.0.1', '10.0.0.1', '::1', '2001:4860:4860::8888', '', 'not-an-ip', null]) {
      expect(lookup.labelOf(ip)).toBe('未知')
    }
  })

  it('the label rules, on the region strings the database holds', () => {
    expect(regionLabel('中国', '广西壮族自治区')).toBe('广西')
    expect(regionLabel('中国', '内蒙古')).toBe('内蒙古')
    expect(regionLabel('中国', '新疆维吾尔自治区')).toBe('新疆')
    expect(regionLabel('中国', '上海市')).toBe('上海')
    expect(regionLabel('中国', '0')).toBe('中国')
    expect(regionLabel('0', '内网IP')).toBe('未知')
    expect(regionLabel('日本', '东京')).toBe('日本')
  })
})
