import { existsSync, readFileSync } from 'node:fs'
import { AppError } from '../base/appError'
import type { Clock } from '../base/clock'
import { writeJsonAtomic } from '../settings'

/** `<home>/generator/llm-usage.json`: tokens spent today and this month, and the last request. */
interface Usage {
  day: string
  tokens: number
  month: string
  monthTokens: number
  last: { tokens: number; at: string; purpose: string } | null
}

/** What the budgets allow and what has been spent, for the UI and `llm show`. */
export interface BudgetReport {
  perRequest: number
  daily: number
  monthly: number
  usedToday: number
  usedThisMonth: number
  last: Usage['last']
}

/**
 * Tokens spent on the model: a per-request limit (one generation, one routing decision), a daily and
 * a monthly budget, all checked before every model turn. The totals live in a file under the data
 * home so the CLI and the app share them.
 */
export class TokenBudget {
  private spent = 0

  constructor(
    private readonly file: string,
    private readonly clock: Clock,
    private readonly perGeneration: number,
    private readonly daily: number,
    private readonly monthly = Number.POSITIVE_INFINITY,
    private readonly purpose = 'generation',
  ) {}

  /** The tokens the next turn may use; throws BUDGET_EXCEEDED when any budget is spent. */
  allowance(): number {
    const today = this.usedToday()
    if (today >= this.daily) {
      throw new AppError(
        'BUDGET_EXCEEDED',
        `The daily model budget of ${this.daily} tokens is spent (${today} used today). Try again tomorrow or raise it with \`skilldock llm set --daily-budget N\`.`,
        { usedToday: today, dailyBudget: this.daily },
      )
    }
    const month = this.usedThisMonth()
    if (month >= this.monthly) {
      throw new AppError(
        'BUDGET_EXCEEDED',
        `The monthly model budget of ${this.monthly} tokens is spent (${month} used this month). Raise it with \`skilldock llm set --monthly-budget N\` or wait for next month.`,
        { usedThisMonth: month, monthlyBudget: this.monthly },
      )
    }
    if (this.spent >= this.perGeneration) {
      throw new AppError(
        'BUDGET_EXCEEDED',
        `This ${this.purpose} used its limit of ${this.perGeneration} tokens (${this.spent} spent). Raise it with \`skilldock llm set --max-tokens N\` or simplify the request.`,
        { spent: this.spent, perGeneration: this.perGeneration },
      )
    }
    return Math.min(8192, this.perGeneration - this.spent, this.daily - today, this.monthly - month)
  }

  record(tokens: number): void {
    this.spent += tokens
    const day = this.day()
    const month = day.slice(0, 7)
    const usage = this.read()
    const next: Usage = {
      day,
      tokens: (usage.day === day ? usage.tokens : 0) + tokens,
      month,
      monthTokens: (usage.month === month ? usage.monthTokens : 0) + tokens,
      last: { tokens: this.spent, at: this.clock.now().toISOString(), purpose: this.purpose },
    }
    writeJsonAtomic(this.file, next)
  }

  get spentThisGeneration(): number {
    return this.spent
  }

  usedToday(): number {
    const usage = this.read()
    return usage.day === this.day() ? usage.tokens : 0
  }

  usedThisMonth(): number {
    const usage = this.read()
    return usage.month === this.day().slice(0, 7) ? usage.monthTokens : 0
  }

  report(): BudgetReport {
    return {
      perRequest: this.perGeneration,
      daily: this.daily,
      monthly: this.monthly,
      usedToday: this.usedToday(),
      usedThisMonth: this.usedThisMonth(),
      last: this.read().last,
    }
  }

  private day(): string {
    const now = this.clock.now()
    const pad = (n: number) => String(n).padStart(2, '0')
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
  }

  private read(): Usage {
    const empty: Usage = { day: '', tokens: 0, month: '', monthTokens: 0, last: null }
    if (!existsSync(this.file)) return empty
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<Usage>
      const day = String(parsed.day ?? '')
      const tokens = Number(parsed.tokens ?? 0) || 0
      // Files written before monthly budgets: the day's total is the month's known total.
      const month = parsed.month !== undefined ? String(parsed.month) : day.slice(0, 7)
      const monthTokens = parsed.monthTokens !== undefined ? Number(parsed.monthTokens) || 0 : tokens
      const last =
        parsed.last && typeof parsed.last === 'object'
          ? {
              tokens: Number(parsed.last.tokens) || 0,
              at: String(parsed.last.at ?? ''),
              purpose: String(parsed.last.purpose ?? 'generation'),
            }
          : null
      return { day, tokens, month, monthTokens, last }
    } catch {
      return empty
    }
  }
}
