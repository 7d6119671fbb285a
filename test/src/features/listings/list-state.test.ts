import { listState } from '@/features/listings/components/StateView'

const list = (over: Partial<Parameters<typeof listState>[0]> = {}) => ({
  loading: false,
  items: [] as unknown[],
  error: null,
  retry: jest.fn(),
  ...over,
})

describe('what a member’s list shows instead of its items', () => {
  const empty = { title: '还没有收藏', hint: '在信息详情页点「收藏」' }

  it('skeletons while the first page loads, with the rows asked for', () => {
    expect(listState(list({ loading: true }), empty)).toEqual({ kind: 'loading', rows: undefined })
    expect(listState(list({ loading: true, items: [1] }), empty, 2)).toEqual({ kind: 'loading', rows: 2 })
  })

  it('with nothing loaded, the error and its 重试, else the empty state', () => {
    const failed = list({ error: { message: '网络不可用' } })
    const state = listState(failed, empty)
    expect(state).toMatchObject({ kind: 'error', message: '网络不可用' })
    if (state?.kind === 'error') state.onRetry()
    expect(failed.retry).toHaveBeenCalledTimes(1)
    expect(listState(list(), empty)).toEqual({ kind: 'empty', ...empty })
  })

  it('nothing once there are items, even after a failed next page (the footer says so)', () => {
    expect(listState(list({ items: [1] }), empty)).toBeNull()
    expect(listState(list({ items: [1], error: { message: 'x' } }), empty)).toBeNull()
  })
})
