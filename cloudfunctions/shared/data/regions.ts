/**
 * Provinces and their major cities, as data both sides import: the publish form's pickers and the
 * feed's region filter on the client, the listing validation on the server. Deliberately small
 * (prefecture-level capitals and the largest cities, not every county): it ships in the mini-program.
 * A new city is a line here, no other change. City names carry no 市 suffix, as the feed shows them.
 */
export interface Province {
  name: string
  cities: string[]
}

export const REGIONS: readonly Province[] = [
  { name: '北京市', cities: ['北京'] },
  { name: '天津市', cities: ['天津'] },
  { name: '上海市', cities: ['上海'] },
  { name: '重庆市', cities: ['重庆'] },
  { name: '河北省', cities: ['石家庄', '唐山', '保定', '邯郸', '廊坊', '秦皇岛'] },
  { name: '山西省', cities: ['太原', '大同', '运城', '长治'] },
  { name: '内蒙古自治区', cities: ['呼和浩特', '包头', '鄂尔多斯', '赤峰'] },
  { name: '辽宁省', cities: ['沈阳', '大连', '鞍山', '锦州'] },
  { name: '吉林省', cities: ['长春', '吉林', '延边'] },
  { name: '黑龙江省', cities: ['哈尔滨', '大庆', '齐齐哈尔', '牡丹江'] },
  { name: '江苏省', cities: ['南京', '苏州', '无锡', '常州', '南通', '徐州', '扬州'] },
  { name: '浙江省', cities: ['杭州', '宁波', '温州', '绍兴', '嘉兴', '金华', '台州'] },
  { name: '安徽省', cities: ['合肥', '芜湖', '蚌埠', '阜阳'] },
  { name: '福建省', cities: ['福州', '厦门', '泉州', '漳州'] },
  { name: '江西省', cities: ['南昌', '赣州', '九江', '上饶'] },
  { name: '山东省', cities: ['济南', '青岛', '烟台', '潍坊', '临沂', '济宁'] },
  { name: '河南省', cities: ['郑州', '洛阳', '南阳', '新乡', '商丘'] },
  { name: '湖北省', cities: ['武汉', '宜昌', '襄阳', '荆州'] },
  { name: '湖南省', cities: ['长沙', '株洲', '湘潭', '衡阳', '岳阳'] },
  { name: '广东省', cities: ['广州', '深圳', '东莞', '佛山', '珠海', '中山', '惠州', '汕头'] },
  { name: '广西壮族自治区', cities: ['南宁', '柳州', '桂林', '北海'] },
  { name: '海南省', cities: ['海口', '三亚'] },
  { name: '四川省', cities: ['成都', '绵阳', '宜宾', '南充', '德阳'] },
  { name: '贵州省', cities: ['贵阳', '遵义'] },
  { name: '云南省', cities: ['昆明', '曲靖', '大理', '西双版纳'] },
  { name: '西藏自治区', cities: ['拉萨'] },
  { name: '陕西省', cities: ['西安', '宝鸡', '咸阳', '榆林'] },
  { name: '甘肃省', cities: ['兰州', '天水'] },
  { name: '青海省', cities: ['西宁'] },
  { name: '宁夏回族自治区', cities: ['银川'] },
  { name: '新疆维吾尔自治区', cities: ['乌鲁木齐', '喀什', '伊犁'] },
  { name: '香港特别行政区', cities: ['香港'] },
  { name: '澳门特别行政区', cities: ['澳门'] },
  { name: '台湾省', cities: ['台北', '高雄', '台中'] },
]

export const PROVINCE_NAMES: readonly string[] = REGIONS.map((p) => p.name)

const CITIES_BY_PROVINCE = new Map(REGIONS.map((p) => [p.name, new Set(p.cities)]))

export function isCityOf(province: string, city: string): boolean {
  return CITIES_BY_PROVINCE.get(province)?.has(city) ?? false
}
