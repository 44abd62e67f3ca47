import { createInterface } from 'node:readline'
import type { CliIo } from './context'

/** Waits for Enter on stdin; false when stdin closed (then the rest runs without pausing). */
export function waitForEnter(prompt: string, io: CliIo): Promise<boolean> {
  io.stderr(prompt)
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin })
    rl.once('line', () => {
      rl.close()
      resolve(true)
    })
    rl.once('close', () => resolve(false))
  })
}
