import { createHttpTransport, type Transport } from './http-transport'

export type { Transport }

// H5 served by the self-hosted server leaves the base empty: same origin, relative URLs.
export const transport: Transport = createHttpTransport(process.env.TARO_APP_API_BASE ?? '')
