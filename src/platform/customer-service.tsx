export interface CustomerServiceProps {
  className: string
}

/** H5 has no platform customer service: the request form on the same page is the way to reach us. */
export function CustomerServiceButton(_props: CustomerServiceProps) {
  return null
}
