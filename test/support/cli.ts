import { runCli } from '../../src-main/cli/main'

export interface CliRun {
  code: number
  stdout: string
  stderr: string
  /** stdout parsed as the one JSON document `--json` promises. */
  json: () => unknown
}

/** Runs `skilldock <args>` in-process against a data home, capturing its output. */
export async function cli(args: string[], env: NodeJS.ProcessEnv = {}, stdin = ''): Promise<CliRun> {
  let stdout = ''
  let stderr = ''
  const code = await runCli(args, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    isTty: false,
    readSecret: () => Promise.resolve(stdin),
  })
  return { code, stdout, stderr, json: () => JSON.parse(stdout) as unknown }
}

/** `skilldock --home <home> call <skill> <tool> --args <args as JSON>` in-process. */
export function cliCall(
  home: string,
  skill: string,
  tool: string,
  args: Record<string, unknown>,
): Promise<CliRun> {
  return cli(['--home', home, 'call', skill, tool, '--args', JSON.stringify(args)])
}
