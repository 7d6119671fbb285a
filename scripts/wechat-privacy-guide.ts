// `npx tsx scripts/wechat-privacy-guide.ts` (run by `npm test`): lists the WeChat privacy interfaces the
// app's own code calls and checks each against the 用户隐私保护指引 mirror in config/wechat-privacy-guide.json.
// WeChat refuses an interface whose information type the guide does not declare (errno 112), so an
// undeclared one fails this check. `--markdown` prints the guide as text to paste into the admin console.
// `--src DIR` and `--guide FILE` point it elsewhere (the tests use them).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { basename, dirname, join, relative, resolve, sep } from 'node:path'
import { parseArgs } from 'node:util'
import ts from 'typescript'
import { privacyPolicy } from '@shared/policy/privacy'

const ROOT = resolve(__dirname, '..')

/**
 * WeChat's table of privacy interfaces and the information type each one processes, as the
 * 《小程序用户隐私保护指引内容介绍》 lists them; `privacyKey` is the key the guide API uses, `label` the
 * name of the type in the admin console. Interface names: `wx.<api>` (called as Taro.<api> or wx.<api>),
 * `wx.authorize scope.<scope>`, `button open-type=<type>`, `input type=nickname` and component tags.
 * An API that is not here is not a privacy interface (e.g. wx.makePhoneCall, wx.previewImage, wx.login).
 */
export const PRIVACY_INTERFACES: ReadonlyArray<{ privacyKey: string; label: string; interfaces: readonly string[] }> = [
  {
    privacyKey: 'UserInfo',
    label: '用户信息（微信昵称、头像）',
    interfaces: [
      'button open-type=chooseAvatar',
      'input type=nickname',
      'wx.getUserInfo',
      'wx.getUserProfile',
      'button open-type=getUserInfo',
    ],
  },
  {
    privacyKey: 'Location',
    label: '位置信息',
    interfaces: [
      'wx.authorize scope.userLocation',
      'wx.authorize scope.userLocationBackground',
      'wx.authorize scope.userFuzzyLocation',
      'wx.getLocation',
      'wx.startLocationUpdate',
      'wx.startLocationUpdateBackground',
      'wx.getFuzzyLocation',
      'MapContext.moveToLocation',
    ],
  },
  { privacyKey: 'ChooseLocation', label: '选择的位置信息', interfaces: ['wx.choosePoi', 'wx.chooseLocation'] },
  { privacyKey: 'Address', label: '地址', interfaces: ['wx.chooseAddress'] },
  { privacyKey: 'Invoice', label: '发票信息', interfaces: ['wx.chooseInvoiceTitle', 'wx.chooseInvoice'] },
  { privacyKey: 'RunData', label: '微信运动数据', interfaces: ['wx.authorize scope.werun', 'wx.getWeRunData'] },
  {
    privacyKey: 'PhoneNumber',
    label: '手机号',
    interfaces: ['button open-type=getPhoneNumber', 'button open-type=getRealtimePhoneNumber'],
  },
  { privacyKey: 'LicensePlate', label: '车牌号', interfaces: ['wx.chooseLicensePlate'] },
  {
    privacyKey: 'Album',
    label: '选中的照片或视频信息',
    interfaces: ['wx.chooseImage', 'wx.chooseMedia', 'wx.chooseVideo'],
  },
  { privacyKey: 'MessageFile', label: '选中的文件', interfaces: ['wx.chooseMessageFile'] },
  {
    privacyKey: 'Record',
    label: '麦克风',
    // RecorderManager.start is the table's entry; wx.getRecorderManager is the only way to one.
    interfaces: [
      'wx.authorize scope.record',
      'wx.startRecord',
      'wx.getRecorderManager',
      '<live-pusher>',
      'wx.joinVoIPChat',
    ],
  },
  {
    privacyKey: 'Camera',
    label: '摄像头',
    interfaces: ['wx.authorize scope.camera', 'wx.createVKSession', '<camera>', '<live-pusher>', '<voip-room>'],
  },
  {
    privacyKey: 'BlueTooth',
    label: '蓝牙',
    interfaces: ['wx.authorize scope.bluetooth', 'wx.openBluetoothAdapter', 'wx.createBLEPeripheralServer'],
  },
  {
    privacyKey: 'AlbumWriteOnly',
    label: '相册（仅写入）',
    interfaces: ['wx.authorize scope.writePhotosAlbum', 'wx.saveImageToPhotosAlbum', 'wx.saveVideoToPhotosAlbum'],
  },
  {
    privacyKey: 'Contact',
    label: '通讯录（仅写入）',
    interfaces: ['wx.authorize scope.addPhoneContact', 'wx.addPhoneContact'],
  },
  {
    privacyKey: 'CalendarWriteOnly',
    label: '日历（仅写入）',
    interfaces: ['wx.authorize scope.addPhoneCalendar', 'wx.addPhoneRepeatCalendar', 'wx.addPhoneCalendar'],
  },
  { privacyKey: 'Accelerometer', label: '加速传感器', interfaces: ['wx.startAccelerometer'] },
  { privacyKey: 'Compass', label: '磁场传感器', interfaces: ['wx.startCompass'] },
  { privacyKey: 'DeviceMotion', label: '方向传感器', interfaces: ['wx.startDeviceMotionListening'] },
  { privacyKey: 'Gyroscope', label: '陀螺仪传感器', interfaces: ['wx.startGyroscope'] },
  { privacyKey: 'Clipboard', label: '剪切板', interfaces: ['wx.setClipboardData', 'wx.getClipboardData'] },
]

const PRIVACY_INTERFACE_NAMES = new Set(PRIVACY_INTERFACES.flatMap((t) => t.interfaces))
const COMPONENT_TAGS: Record<string, string> = {
  Camera: '<camera>',
  camera: '<camera>',
  LivePusher: '<live-pusher>',
  'live-pusher': '<live-pusher>',
  VoipRoom: '<voip-room>',
  'voip-room': '<voip-room>',
}

export interface GuideItem {
  privacyKey: string
  label: string
  interfaces: string[]
  purpose: string
}

export interface PrivacyGuide {
  items: GuideItem[]
  owner: { contactEmail: string; noticeMethod: string; storage: string }
}

export interface SourceFile {
  /** Relative to the repository root, with forward slashes: it is what the report shows. */
  path: string
  text: string
}

export interface Finding {
  interface: string
  file: string
  line: number
}

// Taro's platform suffixes other than weapp: such a file is in that platform's build only.
const OTHER_PLATFORMS = new Set([
  'h5',
  'alipay',
  'swan',
  'tt',
  'qq',
  'jd',
  'rn',
  'harmony',
  'quickapp',
  'kwai',
  'dd',
  'qywx',
  'lark',
])
const CODE = /\.(ts|tsx|js|jsx)$/

/**
 * The files of the WeChat build under `dir`: plain and `.weapp.` files, without other platforms' files
 * and without a plain file that a `.weapp.` sibling replaces (the build resolves `./x` to `x.weapp.ts`).
 */
export function weappSourceFiles(dir: string): string[] {
  const all = walk(dir).filter((file) => CODE.test(file) && !file.endsWith('.d.ts'))
  const present = new Set(all)
  return all
    .filter((file) => {
      const parts = basename(file).split('.')
      if (parts.length < 3) {
        const stem = join(dirname(file), parts[0])
        return !['ts', 'tsx', 'js', 'jsx'].some((ext) => present.has(`${stem}.weapp.${ext}`))
      }
      return !OTHER_PLATFORMS.has(parts[parts.length - 2])
    })
    .sort()
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? walk(path) : [path]
  })
}

/**
 * Every privacy interface the given sources use, one finding per place. It reads the syntax tree, so
 * comments and strings that merely name an API do not count. Recognised: `Taro.x` / `wx.x` / `my.x` member
 * access (called or not, also `Taro['x']` and whatever name `@tarojs/taro` is imported as), destructuring
 * from those objects, named imports from `@tarojs/taro`, `authorize` with a literal scope, `openType` /
 * `open-type` attributes (every string literal in an expression counts), `<Input type="nickname">` and the
 * camera / live-pusher / voip-room components.
 */
export function findPrivacyApis(files: readonly SourceFile[]): Finding[] {
  return files
    .flatMap(scanFile)
    .filter((f) => PRIVACY_INTERFACE_NAMES.has(f.interface))
    .sort((a, b) => a.interface.localeCompare(b.interface) || a.file.localeCompare(b.file) || a.line - b.line)
}

function scanFile({ path, text }: SourceFile): Finding[] {
  const kind = /x$/.test(path) ? ts.ScriptKind.TSX : ts.ScriptKind.TS
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, kind)
  const receivers = new Set(['Taro', 'wx', 'my'])
  const found: Finding[] = []
  const add = (name: string, node: ts.Node) =>
    found.push({ interface: name, file: path, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1 })
  const api = (name: string, node: ts.Node) => {
    if (name !== 'authorize') return add(`wx.${name}`, node)
    const scope = literalScope(node)
    if (scope) add(`wx.authorize scope.${scope}`, node)
  }

  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue
    if (statement.moduleSpecifier.text !== '@tarojs/taro' || !statement.importClause) continue
    const { name, namedBindings } = statement.importClause
    if (name) receivers.add(name.text)
    if (namedBindings && ts.isNamespaceImport(namedBindings)) receivers.add(namedBindings.name.text)
    if (namedBindings && ts.isNamedImports(namedBindings)) {
      for (const element of namedBindings.elements) api((element.propertyName ?? element.name).text, element)
    }
  }

  const isReceiver = (node: ts.Expression) => ts.isIdentifier(node) && receivers.has(node.text)
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node)) {
      if (isReceiver(node.expression)) api(node.name.text, node)
      else if (node.name.text === 'moveToLocation') add('MapContext.moveToLocation', node)
    } else if (
      ts.isElementAccessExpression(node) &&
      isReceiver(node.expression) &&
      ts.isStringLiteralLike(node.argumentExpression)
    ) {
      api(node.argumentExpression.text, node)
    } else if (
      ts.isVariableDeclaration(node) &&
      ts.isObjectBindingPattern(node.name) &&
      node.initializer &&
      isReceiver(node.initializer)
    ) {
      for (const element of node.name.elements) {
        const key = element.propertyName ?? element.name
        if (ts.isIdentifier(key) || ts.isStringLiteral(key)) api(key.text, element)
      }
    } else if (ts.isJsxAttribute(node)) {
      jsxAttribute(node, add)
    } else if (ts.isJsxOpeningElement(node) || ts.isJsxSelfClosingElement(node)) {
      const tag = COMPONENT_TAGS[node.tagName.getText()]
      if (tag) add(tag, node)
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

/** `authorize({ scope: 'scope.x' })`: the scope when it is written as a literal, else null. */
function literalScope(node: ts.Node): string | null {
  const call = node.parent
  if (!call || !ts.isCallExpression(call) || call.expression !== node) return null
  const options = call.arguments[0]
  if (!options || !ts.isObjectLiteralExpression(options)) return null
  for (const property of options.properties) {
    if (!ts.isPropertyAssignment(property) || property.name.getText() !== 'scope') continue
    const value = property.initializer
    if (ts.isStringLiteralLike(value) && value.text.startsWith('scope.')) return value.text.slice('scope.'.length)
  }
  return null
}

function jsxAttribute(node: ts.JsxAttribute, add: (name: string, node: ts.Node) => void): void {
  const name = node.name.getText()
  const init = node.initializer
  if (!init) return
  const values = ts.isStringLiteral(init)
    ? [init.text]
    : ts.isJsxExpression(init) && init.expression
      ? stringsIn(init.expression)
      : []
  if (name === 'openType' || name === 'open-type') {
    for (const value of values) add(`button open-type=${value}`, node)
  } else if (name === 'type' && values.includes('nickname')) {
    const element = node.parent.parent
    if (['Input', 'input'].includes(element.tagName.getText())) add('input type=nickname', node)
  }
}

function stringsIn(expression: ts.Node): string[] {
  if (ts.isStringLiteralLike(expression)) return [expression.text]
  const out: string[] = []
  ts.forEachChild(expression, (child) => {
    out.push(...stringsIn(child))
  })
  return out
}

export interface GuideRow {
  interface: string
  places: string[]
  /** The guide items that declare it (by label), empty when none does. */
  declaredBy: string[]
}

export interface GuideCheck {
  rows: GuideRow[]
  errors: string[]
  warnings: string[]
}

/**
 * The findings against the guide. Errors: an interface in use whose information type is not declared
 * (WeChat's errno 112), a declared item that does not list an interface in use, an item or interface
 * WeChat's table does not know, an empty purpose or contact, a contact the 隐私政策 does not give.
 * Warnings: what the guide lists but the code no longer uses (it still works, but the guide then tells
 * users of a use that does not happen: remove it, unless the code reaches it in a way this scan misses).
 */
export function checkGuide(
  found: readonly Finding[],
  guide: PrivacyGuide,
  options: { policyText?: string; guideName?: string } = {},
): GuideCheck {
  const guideName = options.guideName ?? 'the guide'
  const errors: string[] = []
  const warnings: string[] = []
  const used = new Map<string, string[]>()
  for (const f of found) used.set(f.interface, [...(used.get(f.interface) ?? []), `${f.file}:${f.line}`])
  const byKey = new Map(guide.items.map((item) => [item.privacyKey, item]))

  const rows: GuideRow[] = [...used].map(([name, places]) => {
    const needed = PRIVACY_INTERFACES.filter((t) => t.interfaces.includes(name))
    const declaredBy: string[] = []
    for (const type of needed) {
      const item = byKey.get(type.privacyKey)
      if (!item) {
        errors.push(
          `${name} is used (${places.join(', ')}) but ${guideName} does not declare ${type.label} (${type.privacyKey}): ` +
            `WeChat refuses it at run time with errno 112. Declare it in the admin console and in ${guideName}.`,
        )
        continue
      }
      declaredBy.push(`${item.label} (${item.privacyKey})`)
      if (!item.interfaces.includes(name)) {
        errors.push(`${name} is used (${places.join(', ')}): add it to the interfaces of ${item.privacyKey}.`)
      }
    }
    return { interface: name, places, declaredBy }
  })

  for (const item of guide.items) {
    const type = PRIVACY_INTERFACES.find((t) => t.privacyKey === item.privacyKey)
    if (!type) {
      errors.push(`${item.privacyKey} is not an information type of WeChat's privacy guide.`)
      continue
    }
    if (item.label !== type.label) errors.push(`${item.privacyKey} is called ${type.label}, not ${item.label}.`)
    if (!item.purpose.trim()) errors.push(`${item.privacyKey} (${item.label}) has no purpose.`)
    const unused = !type.interfaces.some((name) => used.has(name))
    if (unused)
      warnings.push(`${item.label} (${item.privacyKey}) is declared but the code uses none of its interfaces.`)
    for (const name of item.interfaces) {
      if (!type.interfaces.includes(name)) {
        errors.push(`${name}, listed under ${item.privacyKey}, is not one of its privacy interfaces.`)
      } else if (!unused && !used.has(name)) {
        warnings.push(`${name} is listed under ${item.privacyKey} (${item.label}) but the code does not use it.`)
      }
    }
  }

  const { contactEmail, noticeMethod, storage } = guide.owner
  if (!contactEmail.trim()) errors.push('The guide gives no contact: WeChat wants at least one.')
  else if (options.policyText !== undefined && !options.policyText.includes(contactEmail)) {
    errors.push(`The guide's contact ${contactEmail} is not the one the 隐私政策 gives.`)
  }
  if (!noticeMethod.trim()) errors.push('The guide says nowhere how users are told of changes (noticeMethod).')
  if (!storage.trim()) errors.push('The guide says nothing of how long information is kept (storage).')

  return { rows: rows.sort((a, b) => a.interface.localeCompare(b.interface)), errors, warnings }
}

export function formatTable(rows: readonly GuideRow[]): string {
  const lines = rows.map((r) => [r.interface, r.declaredBy.join(', ') || '— not declared', r.places.join(', ')])
  const header = ['interface', 'declared as', 'used in']
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...lines.map((l) => displayWidth(l[i]))))
  const pad = (cells: string[]) =>
    cells.map((c, i) => (i < cells.length - 1 ? c + ' '.repeat(widths[i] - displayWidth(c)) : c)).join('  ')
  return [pad(header), ...lines.map(pad)].join('\n')
}

/** Terminal columns: CJK and full-width characters take two. */
function displayWidth(text: string): number {
  let width = 0
  for (const ch of text)
    width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60]/.test(ch) ? 2 : 1
  return width
}

/** The guide as the admin console asks for it, one block per field. */
export function formatMarkdown(guide: PrivacyGuide): string {
  const items = guide.items.flatMap((item) => [
    `### ${item.label}（${item.privacyKey}）`,
    '',
    `- 用途：${item.purpose}`,
    `- 对应接口：${item.interfaces.map((name) => `\`${name}\``).join('、')}`,
    '',
  ])
  return [
    '# 质能视界 · 用户隐私保护指引（微信小程序）',
    '',
    '## 开发者处理的信息',
    '',
    ...items,
    '## 开发者对信息的存储',
    '',
    guide.owner.storage,
    '',
    '## 信息变更的通知方式',
    '',
    guide.owner.noticeMethod,
    '',
    '## 联系方式',
    '',
    `邮箱：${guide.owner.contactEmail}`,
    '',
  ].join('\n')
}

function toPosix(path: string): string {
  return path.split(sep).join('/')
}

function cli(): void {
  const { values } = parseArgs({
    options: {
      markdown: { type: 'boolean', default: false },
      src: { type: 'string', default: join(ROOT, 'src') },
      guide: { type: 'string', default: join(ROOT, 'config', 'wechat-privacy-guide.json') },
    },
  })
  const srcDir = resolve(values.src)
  const guidePath = resolve(values.guide)
  if (!existsSync(srcDir)) throw new Error(`no source folder at ${srcDir}`)
  const guide = JSON.parse(readFileSync(guidePath, 'utf8')) as PrivacyGuide
  const guideName = toPosix(relative(ROOT, guidePath))

  const files = weappSourceFiles(srcDir).map((file) => ({
    path: toPosix(relative(ROOT, file)),
    text: readFileSync(file, 'utf8'),
  }))
  const policyText = privacyPolicy.sections.flatMap((s) => s.paragraphs).join('\n')
  const result = checkGuide(findPrivacyApis(files), guide, { policyText, guideName })

  if (values.markdown) process.stdout.write(formatMarkdown(guide))
  else {
    console.info(`WeChat privacy interfaces used by the WeChat build (${files.length} files), against ${guideName}:`)
    console.info(result.rows.length ? formatTable(result.rows) : '(none)')
  }
  for (const warning of result.warnings) console.warn(`warning: ${warning}`)
  for (const error of result.errors) console.error(`✖ ${error}`)
  if (result.errors.length) process.exitCode = 1
}

// `require` is typed as WeChat's in this project (the mini-program typings are global), hence createRequire.
if (createRequire(__filename).main === module) {
  try {
    cli()
  } catch (error: unknown) {
    console.error(`wechat-privacy-guide failed: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  }
}
