/**
 * Mini-programs show no ICP filing number: WeChat and Alipay carry the mini-program's own filing
 * (icp-beian.h5.tsx is the H5 build's).
 */
export function icpBeian(): string {
  return ''
}

export function IcpLink(_props: { number: string; className?: string }) {
  return null
}
