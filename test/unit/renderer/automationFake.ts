import type { JobInfo, ScheduleInfo, WebhookInfo } from '../../../src-main/contract'
import { BridgeError } from '../../../src-renderer/api/client'
import { makeSummary, type FakeHandlers } from './fakeApi'

export const NOW = '2030-01-01T00:00:00.000Z'

export function makeJob(overrides: Partial<JobInfo> & { id: string }): JobInfo {
  return {
    skill: 'text-stats',
    tool: 'text_statistics',
    arguments: {},
    key: null,
    state: 'pending',
    attempts: 0,
    maxAttempts: 3,
    runAt: NOW,
    lastError: null,
    result: null,
    origin: 'job',
    scheduleId: null,
    createdAt: NOW,
    updatedAt: NOW,
    ...overrides,
  }
}

/** Schedules, jobs and webhooks kept in memory and answered the way the core answers. */
export function automationFake() {
  const schedules: ScheduleInfo[] = []
  const jobs: JobInfo[] = []
  const hooks: WebhookInfo[] = []
  let secrets = 0
  const handlers: FakeHandlers = {
    'approvals.list': () => [],
    'skills.list': () => [
      makeSummary({ name: 'text-stats' }),
      makeSummary({ name: 'json-tools' }),
      // Not callable: the pickers leave them out.
      makeSummary({ name: 'waiting-skill', state: 'pending' }),
      makeSummary({ name: 'refused-skill', state: 'rejected' }),
    ],
    'runtime.tools': ({ name }) =>
      name === 'text-stats'
        ? [
            {
              name: 'text_statistics',
              description: 'Counts.',
              inputSchema: {
                type: 'object',
                properties: { text: { type: 'string', description: 'The text to measure.' } },
                required: ['text'],
              },
            },
            { name: 'top_words', description: 'Top words.', inputSchema: {} },
          ]
        : [{ name: 'json_format', description: 'Formats.', inputSchema: {} }],
    'schedules.list': () => schedules.map((s) => ({ ...s })),
    'schedules.add': (input) => {
      if (input.every && !/^\d+[smhd]$/.test(input.every)) {
        throw new BridgeError({ code: 'INVALID_INPUT', message: `"${input.every}" is not an interval.` })
      }
      const schedule: ScheduleInfo = {
        id: `s${schedules.length + 1}`,
        skill: input.skill,
        tool: input.tool,
        arguments: input.arguments ?? {},
        everySeconds: input.every ? 3600 : null,
        at: input.at ?? null,
        nextRunAt: input.at ?? '2030-01-01T01:00:00.000Z',
        lastRunAt: null,
        lastOutcome: null,
        createdAt: NOW,
      }
      schedules.push(schedule)
      return { ...schedule }
    },
    'schedules.remove': ({ id }) => {
      schedules.splice(
        schedules.findIndex((s) => s.id === id),
        1,
      )
      return { removed: id }
    },
    'jobs.list': () => jobs.map((j) => ({ ...j })),
    'jobs.enqueue': (input) => {
      const job = makeJob({
        id: `j${jobs.length + 1}`,
        skill: input.skill,
        tool: input.tool,
        arguments: input.arguments ?? {},
        maxAttempts: input.maxAttempts ?? 3,
      })
      jobs.unshift(job)
      return { ...job, created: true }
    },
    'webhooks.list': () => hooks.map((h) => ({ ...h })),
    'webhooks.add': (input) => {
      if (hooks.some((h) => h.id === input.id)) {
        throw new BridgeError({ code: 'CONFLICT', message: `A webhook "${input.id}" exists already.` })
      }
      const hook: WebhookInfo = { ...input, path: `/hooks/${input.id}`, createdAt: NOW, lastCalledAt: null }
      hooks.push(hook)
      return { ...hook, secret: `whsec-${++secrets}-7f3a9c0d2b` }
    },
    'webhooks.remove': ({ id }) => {
      hooks.splice(
        hooks.findIndex((h) => h.id === id),
        1,
      )
      return { removed: id }
    },
    'compose.list': () => [],
    'mcp.endpoint': () => ({ url: 'http://127.0.0.1:7545/mcp', running: true, port: 7545 }),
  }
  return { schedules, jobs, hooks, handlers }
}
