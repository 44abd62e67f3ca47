import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Approval, ToolInfo, ValidationReport } from '../../contract/models'
import { AppError } from '../base/appError'
import type { SkillRepository } from '../storage/skillRepository'
import { notFound } from '../skills/catalog'
import { describeNameProblems, NAME_MAX_LENGTH, NAME_PATTERN } from '../skills/naming'
import type { ApprovalInbox } from '../trust/approvalInbox'
import { type CompositePlan, compositeSkillMd, describePlan, parseSteps, stepLabel } from './compositeSpec'

export interface ComposerDeps {
  repo: SkillRepository
  drafts: string
  /** A skill's tools (`runtime.tools(name, refresh)`). */
  tools: (skill: string, refresh: boolean) => Promise<ToolInfo[]>
  reindex: () => Promise<unknown>
  validate: (dir: string) => ValidationReport
  inbox: Pick<ApprovalInbox, 'request'>
}

/**
 * `skilldock compose`: writes a composite skill as a draft and hands it to governance, the same way
 * the generator does; nothing is left behind when a step or the SKILL.md is refused.
 */
export async function createComposite(
  deps: ComposerDeps,
  input: { name: string; steps: string[]; description?: string },
): Promise<{ name: string; plan: CompositePlan; approval: Approval }> {
  const { name } = input
  if (!NAME_PATTERN.test(name) || name.length > NAME_MAX_LENGTH) {
    const problems = describeNameProblems(name)
    throw new AppError(
      'INVALID_INPUT',
      `"${name}" is not a skill name${problems.length ? ` (it has ${problems.join(', ')})` : ''}; use lowercase words joined by "-", e.g. text-report.`,
    )
  }
  const dir = join(deps.drafts, name)
  if (deps.repo.findSummary(name) || existsSync(dir)) {
    throw new AppError('CONFLICT', `A skill or draft named ${name} exists; pick another name.`)
  }
  const plan = parseSteps(input.steps)
  for (const step of plan.flat()) {
    if (step.skill === name) throw new AppError('INVALID_INPUT', `${name} cannot be a step of itself.`)
    await requireTool(deps, step.skill, step.tool)
  }
  mkdirSync(dir, { recursive: true })
  try {
    writeFileSync(join(dir, 'SKILL.md'), compositeSkillMd(name, plan, input.description))
    await deps.reindex()
    const report = deps.validate(dir)
    if (!report.valid) {
      throw new AppError(
        'INVALID_SKILL',
        `The composite's SKILL.md is not valid: ${report.errors.map((e) => e.message).join('; ')}`,
      )
    }
    const { approval } = await deps.inbox.request(
      name,
      'generated',
      'user',
      `composite: ${describePlan(plan)}`,
    )
    return { name, plan, approval }
  } catch (err) {
    rmSync(dir, { recursive: true, force: true })
    await deps.reindex()
    throw err
  }
}

/**
 * Throws unless `skill` exists and has `tool` (its known, declared or freshly listed tools); `what`
 * names the thing being made ("a step", "a schedule"…) in the message.
 */
export async function requireTool(
  deps: Pick<ComposerDeps, 'repo' | 'tools'>,
  skill: string,
  tool: string,
  what = 'a step',
): Promise<void> {
  const record = deps.repo.find(skill)
  if (!record) throw notFound(skill)
  let names = (await deps.tools(skill, false).catch(() => [])).map((t) => t.name)
  if (names.length === 0) names = record.declaredTools
  if (names.length === 0 && record.hasServer) {
    names = (await deps.tools(skill, true).catch(() => [])).map((t) => t.name)
  }
  if (!names.includes(tool)) {
    throw new AppError(
      'INVALID_INPUT',
      names.length === 0
        ? `${skill} has no tools, so ${stepLabel({ skill, tool })} cannot be ${what}.`
        : `${skill} has no tool "${tool}"; its tools: ${names.join(', ')}.`,
    )
  }
}
