import { avatarType } from '@/features/auth/avatar'

describe('the avatar type sent with an upload', () => {
  it('is the type the platform reports when it reports one (H5)', () => {
    expect(avatarType('image/png', 'blob:http://x/1')).toBe('image/png')
    expect(avatarType('image/gif', 'blob:http://x/1')).toBeNull()
  })

  it('is read from the file name of a mini-program temp file', () => {
    expect(avatarType(null, 'wxfile://tmp_abc.JPG')).toBe('image/jpeg')
    expect(avatarType(null, 'https://tmp/abc.webp')).toBe('image/webp')
    expect(avatarType(null, 'wxfile://tmp_abc.heic')).toBeNull()
  })
})
