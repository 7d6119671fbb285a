/**
 * IP属地: the place a member posted from, as 《互联网用户账号信息管理规定》 Art. 12 asks platforms to show
 * it: the province (or region) for an address in China, the country for one abroad. Looked up from an
 * offline database when the content is posted; only the label is kept, never the address.
 */
export interface IpRegion {
  /** A short label (「广东」, 「北京」, 「中国香港」, 「美国」), or UNKNOWN_REGION when the address says nothing. */
  labelOf(ip: string | null): string
}

/** What is shown when the address is missing, private, or not in the database. */
export const UNKNOWN_REGION = '未知'

/** For hosts without a database (and tests that do not care): every address is unknown. */
export const unknownRegion: IpRegion = { labelOf: () => UNKNOWN_REGION }
