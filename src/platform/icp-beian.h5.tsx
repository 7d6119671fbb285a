/** Where a Chinese site's filing number links to: the MIIT's public ICP filing search. */
export const MIIT_BEIAN_URL = 'https://beian.miit.gov.cn/'

/**
 * The site's ICP filing number: the `<meta name="icp-beian">` the self-hosted server puts into index.html
 * (its ICP_BEIAN setting, read at run time), else the number the build was given (TARO_APP_ICP_BEIAN, for
 * an H5 build on static hosting). '' when there is none.
 */
export function icpBeian(): string {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="icp-beian"]')
  return (meta?.content || process.env.TARO_APP_ICP_BEIAN || '').trim()
}

/** The number as a real link (a browser's own focus, Enter and context menu), opened in a new tab. */
export function IcpLink({ number, className }: { number: string; className?: string }) {
  return (
    <a className={className} href={MIIT_BEIAN_URL} target="_blank" rel="noopener noreferrer">
      {number}
    </a>
  )
}
