import { ErrorCode } from '@shared/contracts'
import { api } from '@/services/api'
import { ApiError } from '@/services/api-error'
import { installFakeNetwork, type FakeNetwork } from '../../support/web/network'

let network: FakeNetwork

beforeEach(async () => {
  network = await installFakeNetwork()
})

afterEach(async () => {
  await network.restore()
})

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError)
    return error as ApiError
  }
  throw new Error('expected the call to fail')
}

describe('the api client', () => {
  it('when a visitor opens the feed, the first page comes back from the real listings function', async () => {
    const page = await api.listings.listListings({ pageSize: 5 })

    expect(page.items).toHaveLength(5)
    expect(page.nextCursor).toEqual(expect.any(String))
    expect(network.sent).toEqual([
      {
        functionName: 'listings',
        body: { action: 'listListings', payload: { pageSize: 5 } },
        // A visitor sends no token; the platform is a label for the server's logs.
        headers: { 'content-type': 'application/json', 'x-client-platform': 'h5' },
      },
    ])
  })

  it('when a request breaks the contract, it is refused on the device with the field named, and nothing is sent', async () => {
    const error = await rejection(api.listings.listListings({ category: 'Not A Category', pageSize: 5 }))

    expect(error.code).toBe(ErrorCode.InvalidInput)
    expect(error.field).toBe('category')
    expect(error.message).toBe('分类编号格式不正确')
    expect(network.sent).toHaveLength(0)
  })

  it('when a page size above the limit is asked for, it never leaves the device', async () => {
    const error = await rejection(api.listings.listListings({ pageSize: 500 }))

    expect(error).toMatchObject({ code: ErrorCode.InvalidInput, field: 'pageSize' })
    expect(network.sent).toHaveLength(0)
  })

  it('when the server answers ok:false, the call fails with the server’s code and message', async () => {
    const error = await rejection(api.listings.getListing({ id: 'no-such-listing' }))

    expect(error.code).toBe(ErrorCode.NotFound)
    expect(error.message).toBe('该信息不存在或已下架')
    expect(network.sent).toHaveLength(1)
  })

  it('when an error envelope names a field, the ApiError carries it', async () => {
    network.before = () => ({
      status: 400,
      body: JSON.stringify({ ok: false, error: { code: 'INVALID_INPUT', message: '城市名称过长', field: 'city' } }),
    })

    const error = await rejection(api.listings.listListings({ city: '深圳' }))

    expect(error).toMatchObject({ code: ErrorCode.InvalidInput, message: '城市名称过长', field: 'city' })
  })

  it('when the device is offline, the call fails with NETWORK and a message a user can read', async () => {
    network.offline = true

    const error = await rejection(api.listings.listCategories())

    expect(error.code).toBe(ErrorCode.Network)
    expect(error.message).toBe('网络异常，请检查网络后重试')
  })

  it('when a proxy answers with an HTML error page instead of an envelope, the call fails with INTERNAL', async () => {
    network.before = () => ({ status: 502, body: '<html><body>502 Bad Gateway</body></html>' })

    const error = await rejection(api.listings.listCategories())

    expect(error.code).toBe(ErrorCode.Internal)
  })
})
