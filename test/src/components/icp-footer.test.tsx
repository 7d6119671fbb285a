import { render } from '@testing-library/react'
import { icpBeian, IcpLink, MIIT_BEIAN_URL } from '@/platform/icp-beian.h5'
import { icpBeian as miniProgramBeian, IcpLink as MiniProgramLink } from '@/platform/icp-beian'

/** What the server puts into index.html when ICP_BEIAN is set. */
function putMeta(content: string): void {
  const meta = document.createElement('meta')
  meta.name = 'icp-beian'
  meta.content = content
  document.head.append(meta)
}

afterEach(() => {
  document.head.querySelector('meta[name="icp-beian"]')?.remove()
})

describe('the ICP filing number on H5', () => {
  it('is read from the meta the server put into the page, and links to the MIIT filing site', () => {
    putMeta('京ICP备12345678号-1')
    expect(icpBeian()).toBe('京ICP备12345678号-1')
    const { container } = render(<IcpLink className="icp-footer__link" number={icpBeian()} />)
    const link = container.querySelector('a.icp-footer__link')
    expect(link?.getAttribute('href')).toBe(MIIT_BEIAN_URL)
    expect(MIIT_BEIAN_URL).toBe('https://beian.miit.gov.cn/')
    expect(link?.getAttribute('target')).toBe('_blank')
    expect(link?.getAttribute('rel')).toBe('noopener noreferrer')
    expect(link?.textContent).toBe('京ICP备12345678号-1')
  })

  it('is empty without the meta (and without a build-time number)', () => {
    expect(icpBeian()).toBe('')
  })

  it('the mini-programs show none, even with the meta present', () => {
    putMeta('京ICP备12345678号-1')
    expect(miniProgramBeian()).toBe('')
    const { container } = render(<MiniProgramLink number="京ICP备12345678号-1" />)
    expect(container.innerHTML).toBe('')
  })
})
