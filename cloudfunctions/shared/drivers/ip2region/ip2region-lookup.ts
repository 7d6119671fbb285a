import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { isIP } from 'node:net'
import IP2Region from 'ip2region'
import { UNKNOWN_REGION, type IpRegion } from '../../ports/ip-region'

/** The database files the `ip2region` package ships (MIT): IPv4 (ip2region.db) and IPv6 (ipv6wry.db). */
export const IP2REGION_FILES = ['ip2region.db', 'ipv6wry.db'] as const

/** The folder beside a function bundle's index.js that scripts/bundle-functions.ts copies the files into. */
export const IP2REGION_BUNDLE_DIR = 'ip2region'

/**
 * Where the database files are: beside the running bundle (CloudBase), else in the installed package
 * (the self-hosted server and tests).
 */
export function ip2regionDataDir(): string {
  const beside = join(__dirname, IP2REGION_BUNDLE_DIR)
  if (existsSync(join(beside, IP2REGION_FILES[0]))) return beside
  return join(dirname(createRequire(__filename).resolve('ip2region/package.json')), 'data')
}

const loaded = new Map<string, IP2Region>()

/**
 * The offline lookup. The files (≈11 MB) are read on the first lookup, not at load, so a cold start that
 * posts nothing never reads them; one copy per folder is kept for the process.
 */
export function createIp2RegionLookup(dataDir: string = ip2regionDataDir()): IpRegion {
  const database = (): IP2Region => {
    let db = loaded.get(dataDir)
    if (!db) {
      db = new IP2Region({
        ipv4db: join(dataDir, IP2REGION_FILES[0]),
        ipv6db: join(dataDir, IP2REGION_FILES[1]),
      })
      loaded.set(dataDir, db)
    }
    return db
  }
  return {
    labelOf(ip) {
      const address = ip?.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '') ?? ''
      if (isIP(address) === 0) return UNKNOWN_REGION
      const found = database().search(address)
      return found ? regionLabel(found.country, found.province) : UNKNOWN_REGION
    },
  }
}

const SPECIAL_REGIONS = new Set(['香港', '澳门', '台湾'])

/**
 * The label Chinese apps show: the province without 省 / 市 / 自治区 for the mainland, 中国香港 / 中国澳门 /
 * 中国台湾, the country for an address abroad, UNKNOWN_REGION for a private or unlisted one.
 */
export function regionLabel(country: string, province: string): string {
  const nation = country.trim()
  if (nation === '' || nation === '0') return UNKNOWN_REGION
  if (nation !== '中国') return nation
  const place = province
    .trim()
    .replace(/^0$/, '')
    .replace(/(壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区|省|市)$/, '')
  if (place === '') return '中国'
  return SPECIAL_REGIONS.has(place) ? `中国${place}` : place
}
