import { readFileSync } from 'node:fs'
import type { z } from 'zod'
import { CommandError } from '../context'

/** `--args` read as a JSON object, or why it is not one (the caller picks the kind of error). */
export function readArgsObject(text: string): { args: Record<string, unknown> } | { problem: string } {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (err) {
    return {
      problem: `--args is not valid JSON (${(err as Error).message}); write a JSON object, e.g. --args '{"text":"hi"}'`,
    }
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { problem: '--args must be a JSON object, e.g. --args \'{"text":"hi"}\'' }
  }
  return { args: parsed as Record<string, unknown> }
}

/** `--args` as a JSON object, else an INVALID_INPUT error saying how to write it. */
export function parseArgs(text: string): Record<string, unknown> {
  const read = readArgsObject(text)
  if ('problem' in read) throw new CommandError({ code: 'INVALID_INPUT', message: read.problem })
  return read.args
}

/**
 * A JSON file checked against `schema`, else an INVALID_INPUT error: `unreadable` words a file that
 * cannot be read or parsed (given why), `invalid` one of the wrong shape (given where and what).
 */
export function readJsonFile<S extends z.ZodType>(
  file: string,
  schema: S,
  say: { unreadable: (why: string) => string; invalid: (problem: string) => string },
): z.output<S> {
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'))
  } catch (err) {
    throw new CommandError({ code: 'INVALID_INPUT', message: say.unreadable((err as Error).message) })
  }
  const parsed = schema.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const problem = `${issue?.path.join('.') || 'top level'}: ${issue?.message ?? 'invalid'}`
    throw new CommandError({ code: 'INVALID_INPUT', message: say.invalid(problem) })
  }
  return parsed.data
}
