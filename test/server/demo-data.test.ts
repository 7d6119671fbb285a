import { buildDemoData, demoCategories } from '../../server/seed/demo-data'

describe('the demo seed', () => {
  const now = Date.UTC(2026, 10, 29)
  const { listings, categories } = buildDemoData(now)
  const visible = listings.filter((l) => l.status === 'published' && l.expiresAt > now)

  it('has at least 200 visible listings over at least 8 categories and 10 cities', () => {
    expect(visible.length).toBeGreaterThanOrEqual(200)
    expect(new Set(visible.map((l) => l.category)).size).toBeGreaterThanOrEqual(8)
    expect(new Set(visible.map((l) => l.city)).size).toBeGreaterThanOrEqual(10)
    expect(categories).toBe(demoCategories)
  })

  it('also holds hidden listings (pending, taken down, expired) so the feed has something to hide', () => {
    expect(listings.some((l) => l.status === 'pending')).toBe(true)
    expect(listings.some((l) => l.status === 'takenDown')).toBe(true)
    expect(listings.some((l) => l.status === 'published' && l.expiresAt <= now)).toBe(true)
  })

  it('uses contacts that cannot belong to anyone: 123 numbers no carrier issues, demo_ WeChat IDs', () => {
    for (const l of listings) {
      expect(l.contact.phone).toMatch(/^1230000\d{4}$/)
      expect(l.contact.wechat).toMatch(/^demo_/)
    }
  })

  it('is the same on every machine for the same moment', () => {
    expect(buildDemoData(now)).toEqual(buildDemoData(now))
  })

  it('is written in Chinese, and every listing belongs to a seeded category', () => {
    const ids = new Set(categories.map((c) => c._id))
    for (const l of listings) {
      expect(ids.has(l.category)).toBe(true)
      expect(l.title).toMatch(/[\u4e00-\u9fa5]/)
    }
  })
})
