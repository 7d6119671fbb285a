import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import {
  checkGuide,
  findPrivacyApis,
  weappSourceFiles,
  type PrivacyGuide,
  type SourceFile,
} from '../../scripts/wechat-privacy-guide'

const ROOT = join(__dirname, '..', '..')
const GUIDE = JSON.parse(readFileSync(join(ROOT, 'config', 'wechat-privacy-guide.json'), 'utf8')) as PrivacyGuide

const file = (path: string, text: string): SourceFile => ({ path, text })
const names = (files: SourceFile[]) => [...new Set(findPrivacyApis(files).map((f) => f.interface))]

describe('the WeChat privacy guide against the code', () => {
  it('a location call the guide does not declare fails the check, named with its place and errno 112', () => {
    const found = findPrivacyApis([
      file(
        'src/features/nearby.ts',
        "import Taro from '@tarojs/taro'\n\nexport const here = () => Taro.getLocation({})\n",
      ),
    ])
    const { errors, rows } = checkGuide(found, GUIDE)

    expect(rows).toEqual([{ interface: 'wx.getLocation', places: ['src/features/nearby.ts:3'], declaredBy: [] }])
    expect(errors).toHaveLength(1)
    expect(errors[0]).toContain('wx.getLocation is used (src/features/nearby.ts:3)')
    expect(errors[0]).toContain('位置信息 (Location)')
    expect(errors[0]).toContain('errno 112')
  })

  it('finds the API however the code reaches it: member, bracket, destructuring, named import, renamed import', () => {
    expect(
      names([
        file('a.ts', 'export const f = wx.chooseMedia'),
        file('b.ts', "export const g = () => Taro['chooseMessageFile']({ count: 1 })"),
        file('c.ts', 'const { getClipboardData: read } = Taro\nexport default read'),
        file('d.ts', "import { chooseAddress } from '@tarojs/taro'\nexport default chooseAddress"),
        file('e.ts', "import T from '@tarojs/taro'\nexport default () => T?.saveImageToPhotosAlbum({ filePath: '' })"),
        file('f.ts', "export default () => wx.authorize({ scope: 'scope.record' })"),
      ]).sort(),
    ).toEqual(
      [
        'wx.chooseMedia',
        'wx.chooseMessageFile',
        'wx.getClipboardData',
        'wx.chooseAddress',
        'wx.saveImageToPhotosAlbum',
        'wx.authorize scope.record',
      ].sort(),
    )
  })

  it('reads button open types from attributes and expressions, and the nickname input', () => {
    const found = names([
      file('a.tsx', 'export const A = () => <Button openType="chooseAvatar" />'),
      file(
        'b.tsx',
        "export const B = (p: { rt: boolean }) => <Button openType={p.rt ? 'getRealtimePhoneNumber' : 'share'} />",
      ),
      file('c.tsx', 'export const C = () => <Input type="nickname" />'),
    ])

    expect(found.sort()).toEqual(
      ['button open-type=chooseAvatar', 'button open-type=getRealtimePhoneNumber', 'input type=nickname'].sort(),
    )
  })

  it('an API named only in a comment or a string is not a use', () => {
    expect(
      names([file('a.ts', "// wx.getLocation would need 位置信息\nexport const hint = 'Taro.chooseMedia'\n")]),
    ).toEqual([])
  })

  it('only the WeChat build is read: H5 and Alipay files, and plain files a .weapp. file replaces, are left out', () => {
    const dir = mkdtempSync(join(tmpdir(), 'privacy-guide-'))
    try {
      mkdirSync(join(dir, 'platform'))
      for (const name of [
        'a.h5.ts',
        'a.alipay.tsx',
        'a.ts',
        'b.ts',
        'b.weapp.ts',
        'c.tsx',
        'types.d.ts',
        'style.scss',
      ]) {
        writeFileSync(join(dir, 'platform', name), '')
      }
      const files = weappSourceFiles(dir).map((f) => relative(dir, f))

      expect(files).toEqual([join('platform', 'a.ts'), join('platform', 'b.weapp.ts'), join('platform', 'c.tsx')])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('an interface WeChat does not count as private (dialling, previewing, logging in) needs no declaration', () => {
    const found = findPrivacyApis([
      file('a.ts', "Taro.makePhoneCall({ phoneNumber: '1' }); Taro.previewImage({ urls: [] }); Taro.login()"),
    ])

    expect(found).toEqual([])
  })

  it('an interface of a declared type that its item does not list fails: the mirror names every one in use', () => {
    const found = findPrivacyApis([file('a.ts', 'Taro.chooseMedia({})')])

    expect(checkGuide(found, GUIDE).errors).toEqual([
      'wx.chooseMedia is used (a.ts:1): add it to the interfaces of Album.',
    ])
  })

  it('the real src uses exactly the interfaces the guide lists, and the guide passes', () => {
    const files = weappSourceFiles(join(ROOT, 'src')).map((path) =>
      file(relative(ROOT, path), readFileSync(path, 'utf8')),
    )
    const { errors, warnings, rows } = checkGuide(findPrivacyApis(files), GUIDE)

    expect(errors).toEqual([])
    expect(warnings).toEqual([])
    expect(rows.map((r) => r.interface).sort()).toEqual(GUIDE.items.flatMap((i) => i.interfaces).sort())
  })

  it('a declared item the code no longer uses is a warning, not a failure', () => {
    const found = findPrivacyApis([file('a.ts', "Taro.setClipboardData({ data: 'x' })")])
    const { errors, warnings } = checkGuide(found, GUIDE)

    expect(errors).toEqual([])
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.stringContaining('通讯录（仅写入） (Contact) is declared but the code uses none'),
      ]),
    )
  })

  it('a mistyped item, a wrong label or a contact the 隐私政策 does not give fail', () => {
    const broken: PrivacyGuide = {
      items: [
        { privacyKey: 'Clipbord', label: '剪切板', interfaces: [], purpose: '复制' },
        { privacyKey: 'Album', label: '相册', interfaces: ['wx.chooseImage'], purpose: '头像' },
      ],
      owner: { ...GUIDE.owner, contactEmail: 'someone@else.example' },
    }
    const { errors } = checkGuide([], broken, { policyText: 'privacy@zhineng-demo.example' })

    expect(errors).toEqual([
      "Clipbord is not an information type of WeChat's privacy guide.",
      'Album is called 选中的照片或视频信息, not 相册.',
      "The guide's contact someone@else.example is not the one the 隐私政策 gives.",
    ])
  })

  describe('from the command line', () => {
    const tsx = join(ROOT, 'node_modules', '.bin', 'tsx')
    const run = (args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
        execFile(tsx, ['scripts/wechat-privacy-guide.ts', ...args], { cwd: ROOT }, (error, stdout, stderr) =>
          resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
        ),
      )

    it('the real src passes, and the table shows each interface with its item and place', async () => {
      const { code, stdout, stderr } = await run([])

      expect(stderr).not.toContain('✖')
      expect(code).toBe(0)
      expect(stdout).toMatch(
        /button open-type=getPhoneNumber\s+手机号 \(PhoneNumber\)\s+src\/platform\/deletion-proof\.weapp\.tsx:\d+, src\/platform\/phone-login\.weapp\.tsx/,
      )
      expect(stdout).toMatch(/wx\.chooseImage\s+选中的照片或视频信息 \(Album\)\s+src\/features\/auth\/avatar\.ts/)
      expect(stdout).toMatch(/wx\.addPhoneContact\s+通讯录（仅写入） \(Contact\)/)
      expect(stdout).toMatch(/wx\.setClipboardData\s+剪切板 \(Clipboard\)/)
    }, 30_000)

    it('a source folder with an undeclared interface exits 1 and names it', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'privacy-guide-'))
      try {
        writeFileSync(
          join(dir, 'scan.ts'),
          "import Taro from '@tarojs/taro'\nexport const pick = () => Taro.chooseLocation({})\n",
        )
        const { code, stderr } = await run(['--src', dir])

        expect(code).toBe(1)
        expect(stderr).toMatch(
          /✖ wx\.chooseLocation is used \(.*scan\.ts:2\) but config\/wechat-privacy-guide\.json does not declare/,
        )
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    }, 30_000)

    it('--markdown prints the text to paste, one block per declared item', async () => {
      const { code, stdout } = await run(['--markdown'])

      expect(code).toBe(0)
      for (const item of GUIDE.items) {
        expect(stdout).toContain(`### ${item.label}（${item.privacyKey}）`)
        expect(stdout).toContain(item.purpose)
      }
      expect(stdout).toContain(GUIDE.owner.contactEmail)
    }, 30_000)
  })
})
