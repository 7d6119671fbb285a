import type { Page } from 'playwright-core'
import { activePage } from './browser'

export interface PublishDetails {
  category: string
  title: string
  description: string
  company: string
  province: string
  city: string
}

/** The publish form's first step (分类, 标题, 描述, 公司, 地区), typed and tapped as a person would. */
export async function fillPublishDetails(page: Page, details: PublishDetails): Promise<void> {
  const top = () => activePage(page)
  await top().locator('.publish-category__item', { hasText: details.category }).tap()
  await top().locator('.publish-input--title input').fill(details.title)
  await top().locator('.publish-input--description textarea').fill(details.description)
  await top().locator('.publish-input--company input').fill(details.company)
  await top().locator('.publish-field__region').tap()
  await top().locator('.region-sheet__option', { hasText: details.province }).tap()
  await top().locator('.region-sheet__option', { hasText: details.city }).tap()
}
