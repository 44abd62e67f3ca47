import { existsSync, readFileSync } from 'node:fs'
import { AppError } from '../base/appError'
import type { Clock } from '../base/clock'
import { writeJsonAtomic } from '../settings'

interface Usage {
  day: string
  tokens: number
}

/**
 * Tokens spent on generation: a per-generation limit and a daily budget, both checked before every
 * model turn. Today's total lives in `<home>/llm-usage.json` so the CLI and the app share it.
 */
export class TokenBudget {
  private spent = 0

  constructor(
    private readonly file: string,
    private readonly clock: Clock,
    private readonly perGeneration: number,
    private readonly daily: number,
  ) {}

  /** The tokens the next turn may use; throws BUDGET_EXCEEDED when either budget is spent. */
  allowance(): number {
    const today = this.usedToday()
    if (today >= this.daily) {
      throw new AppError(
        'BUDGET_EXCEEDED',
        `The daily generation budget of ${this.daily} tokens is spent (${today} used today). Try again tomorrow or raise it with \`skilldock llm set --daily-budget N\`.`,
        { usedToday: today, dailyBudget: this.daily },
      )
    }
    if (this.spent >= this.perGeneration) {
      throw new AppError(
        'BUDGET_EXCEEDED',
        `This generation used its limit of ${this.perGeneration} tokens (${this.spent} spent). Raise it with \`skilldock llm set --max-tokens N\` or simplify the intent.`,
        { spent: this.spent, perGeneration: this.perGeneration },
      )
    }
    return Math.min(8192, this.perGeneration - this.spent, this.daily - today)
  }

  record(tokens: number): void {
    this.spent += tokens
    const day = this.day()
    const usage = this.read()
    writeJsonAtomic(this.file, { day, tokens: (usage.day === day ? usage.tokens : 0) + tokens })
  }

  get spentThisGeneration(): number {
    return this.spent
  }

  usedToday(): number {
    const usage = this.read()
    return usage.day === this.day() ? usage.tokens : 0
  }

  private day(): string {
    const now = this.clock.now()
    const pad = (n: number) => String(n).padStart(2, '0')
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
  }

  private read(): Usage {
    if (!existsSync(this.file)) return { day: '', tokens: 0 }
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<Usage>
      return { day: String(parsed.day ?? ''), tokens: Number(parsed.tokens ?? 0) || 0 }
    } catch {
      return { day: '', tokens: 0 }
    }
  }
}
