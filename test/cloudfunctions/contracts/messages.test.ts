import * as v from 'valibot'
import { contracts } from '@shared/contracts'
import { agreedConsents, authHttp } from '../../support/accounts'
import { createEmbeddedBackend } from '../../support/embedded'

/**
 * Every message a contract's schema can give is shown to people: Chinese, fixed, and never the input
 * itself (valibot's defaults are English and quote what they received: `Invalid type: Expected Object but
 * received "<script>…"`). The walk is generic: every action of every function in `contracts`, so a new
 * contract is covered the day it is added.
 */

const SCRIPT = '<script>alert("x")</script>'
const NUMBER = 987654321
const OVERSIZED = `${'溢'.repeat(3000)}${'A'.repeat(70_000)}`
/** Wrong-typed values fed wherever a value goes: strings with markup, numbers, objects, arrays, null, oversize. */
const WRONG: unknown[] = [SCRIPT, NUMBER, -1.5, true, null, { [SCRIPT]: SCRIPT }, [SCRIPT], [NUMBER], OVERSIZED, '']

/** What a message may not contain: any recognisable piece of the values above. */
const ECHOES = ['script', String(NUMBER), '-1.5', 'AAAAAAAAAA', '溢溢溢溢溢', '[object', 'Object', 'Array', 'received']
const CJK = /[\u3400-\u9fff]/

type Node = v.GenericSchema & {
  type: string
  entries?: Record<string, Node>
  item?: Node
  options?: unknown[]
  wrapped?: Node
  key?: unknown
  value?: Node
  items?: Node[]
  rest?: Node
  getter?: (input: unknown) => Node
}

interface Probe {
  /** Where the wrong value sits, as the handler names fields (`consents.0.at`). */
  path: string
  value: unknown
}

/** A value that satisfies a discriminator entry (a literal or a picklist), so the variant's option is entered. */
function discriminatorValue(schema: Node | undefined): unknown {
  const literal = (schema as { literal?: unknown } | undefined)?.literal
  if (literal !== undefined) return literal
  return schema?.options?.[0]
}

/** Inputs that put each wrong value at the top of `schema` and, inside it, at every field it has. */
function probes(schema: Node, path: string, depth: number): Probe[] {
  const here = WRONG.map((value) => ({ path: path || '(payload)', value }))
  if (depth > 6) return here
  const inner = (child: Node, at: string, wrap: (value: unknown) => unknown): Probe[] =>
    probes(child, at, depth + 1).map((probe) => ({ path: probe.path, value: wrap(probe.value) }))
  const join = (key: string | number) => (path ? `${path}.${key}` : String(key))
  switch (schema.type) {
    case 'object':
    case 'strict_object':
    case 'loose_object':
    case 'object_with_rest':
      return [
        ...here,
        { path: path || '(payload)', value: {} },
        { path: path || '(payload)', value: { unexpected: SCRIPT } },
        ...Object.entries(schema.entries ?? {}).flatMap(([key, child]) =>
          inner(child, join(key), (value) => ({ [key]: value })),
        ),
      ]
    case 'variant': {
      const key = schema.key as string
      return [
        ...here,
        ...(schema.options as Node[]).flatMap((option) => {
          const skeleton = { [key]: discriminatorValue(option.entries?.[key]) }
          return Object.entries(option.entries ?? {})
            .filter(([entry]) => entry !== key)
            .flatMap(([entry, child]) => inner(child, join(entry), (value) => ({ ...skeleton, [entry]: value })))
        }),
      ]
    }
    case 'union':
      return [...here, ...(schema.options as Node[]).flatMap((option) => probes(option, path, depth + 1))]
    case 'array':
      return [...here, ...inner(schema.item!, join(0), (value) => [value])]
    case 'tuple':
    case 'strict_tuple':
    case 'loose_tuple':
      return [
        ...here,
        ...(schema.items ?? []).flatMap((child, index) =>
          inner(child, join(index), (value) => Object.assign([], { [index]: value })),
        ),
      ]
    case 'record':
      return [...here, ...inner(schema.value!, join('k'), (value) => ({ k: value }))]
    case 'optional':
    case 'exact_optional':
    case 'nullable':
    case 'nullish':
    case 'undefinedable':
    case 'non_optional':
    case 'non_nullable':
    case 'non_nullish':
      return probes(schema.wrapped!, path, depth)
    case 'lazy':
      return probes(schema.getter!(undefined), path, depth + 1)
    default:
      return here
  }
}

/** Every message the schema gives for the probe that does not read as a fixed Chinese sentence. */
function badMessages(schema: v.GenericSchema, probe: Probe): string[] {
  const result = v.safeParse(schema, probe.value)
  if (result.success) return []
  const bad: string[] = []
  const walk = (issues: readonly v.BaseIssue<unknown>[]) => {
    for (const issue of issues) {
      const message = issue.message
      const echoed = ECHOES.find((piece) => message.includes(piece))
      if (!CJK.test(message) || echoed) {
        bad.push(`${probe.path} ← ${short(probe.value)}: ${message.slice(0, 120)}`)
      }
      if (issue.issues) walk(issue.issues)
    }
  }
  walk(result.issues)
  return bad
}

function short(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value)
  return text.length > 40 ? `${text.slice(0, 40)}…` : text
}

const actions = Object.entries(contracts).flatMap(([fn, contract]) =>
  Object.entries(contract as Record<string, { input: v.GenericSchema }>).map(
    ([action, spec]) => [`${fn}.${action}`, spec.input] as const,
  ),
)

describe('every schema message is Chinese, fixed, and never echoes the input', () => {
  it('the walk reaches every function and action of the contracts', () => {
    expect(Object.keys(contracts).length).toBeGreaterThanOrEqual(4)
    expect(actions.length).toBeGreaterThan(30)
  })

  it('the walk itself finds valibot’s defaults and echoes, however deep they sit', () => {
    const careless = v.strictObject(
      {
        kind: v.picklist(['a', 'b']),
        items: v.array(
          v.variant('type', [v.strictObject({ type: v.literal('x'), n: v.number('数量必须是数字') }, '格式不正确')]),
          '格式不正确',
        ),
        note: v.optional(
          v.pipe(
            v.string('备注必须是文本'),
            v.check(
              () => false,
              (issue) => `备注「${String(issue.input)}」不行`,
            ),
          ),
        ),
      },
      '格式不正确',
    )
    const found = probes(careless as Node, '', 0).flatMap((probe) => badMessages(careless, probe))
    expect(found.some((line) => line.startsWith('kind ←') && line.includes('Invalid type'))).toBe(true)
    expect(found.some((line) => line.startsWith('items.0 ←') && line.includes('Invalid type'))).toBe(true)
    expect(found.some((line) => line.startsWith('note ←') && line.includes('备注「'))).toBe(true)
    expect(found.some((line) => line.startsWith('items.0.n ←'))).toBe(false)
  })

  it.each(actions)(
    '%s: wrong-typed values at the top and in every field get a fixed Chinese message',
    (_name, input) => {
      const found = [...new Set(probes(input as Node, '', 0).flatMap((probe) => badMessages(input, probe)))]
      expect(found).toEqual([])
    },
  )

  it('on the wire: a login whose consents are a string of markup is refused in Chinese without it', async () => {
    const backend = await createEmbeddedBackend({ seed: false })
    try {
      for (const consents of [SCRIPT, [SCRIPT], [{ ...agreedConsents(backend.clock.now())[0], at: SCRIPT }]]) {
        const result = await authHttp(backend, 'loginWithSms', { phone: '13812345678', code: '123456', consents })
        expect(result).toMatchObject({ ok: false, status: 400, error: { code: 'INVALID_INPUT' } })
        if (!result.ok) {
          expect(result.error.message).toMatch(CJK)
          expect(result.error.message).not.toMatch(/script|Invalid|Expected/i)
        }
      }
    } finally {
      backend.dispose()
    }
  })
})
