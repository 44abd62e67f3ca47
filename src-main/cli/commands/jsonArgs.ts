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
