import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { makeCore } from '../support/core'
import { tempDir } from '../support/fs'

/**
 * The attack: output schemas are compiled by ajv, which keeps every schema that has an `$id` and
 * hands it back for any later schema with the same `$id`. With one engine for every skill (and
 * every restart), a skill that declared a lax schema under some `$id` first made another skill's
 * strict schema with that `$id` a dead letter: that skill's results breaking its own declared
 * schema reached the client. The SDK's `callTool` this replaced had one engine per connection.
 */
const root = resolve(__dirname, '../..')
const fixture = join(root, 'test/fixtures/runtime/bad-output')

/** A copy of the bad-output fixture named `name` whose `count` schema carries `$id` (lax or not). */
function skill(appRoot: string, name: string, lax: boolean): void {
  const dir = join(appRoot, 'skills', name)
  cpSync(fixture, dir, { recursive: true })
  const md = readFileSync(join(dir, 'SKILL.md'), 'utf8')
  writeFileSync(join(dir, 'SKILL.md'), md.replace(/^name: bad-output$/m, `name: ${name}`))
  const server = readFileSync(join(dir, 'server.cjs'), 'utf8')
  const schema = lax
    ? `{ $id: 'urn:shared:counted', type: 'object' }`
    : `{ $id: 'urn:shared:counted', type: 'object', properties: { result: { type: 'integer' } }, required: ['result'] }`
  writeFileSync(
    join(dir, 'server.cjs'),
    server.replace(/const counted = \{[\s\S]*?\n\}\n/, `const counted = ${schema}\n`),
  )
}

describe('output schemas with the same $id in different skills', () => {
  it("checks each skill's results against its own schema", async () => {
    const appRoot = tempDir('skilldock-schema-id-')
    skill(appRoot, 'lax-first', true)
    skill(appRoot, 'strict-second', false)
    const core = makeCore({
      appRoot,
      resourcesDir: join(root, 'resources'),
      supervisor: { backoffBaseMs: 50, startupTimeoutMs: 10_000 },
    })
    // The lax skill's schema is compiled first and passes its own result.
    const lax = await core.call('runtime.call', { name: 'lax-first', tool: 'count' })
    expect(lax.structuredContent).toEqual({ result: 'many' })
    // The strict skill's result breaks the schema it declared: refused, as callTool did.
    const strict = await core.raw('runtime.call', { name: 'strict-second', tool: 'count' })
    expect(!strict.ok && strict.error.message).toMatch(/does not match the tool's output schema/)
  })
})
