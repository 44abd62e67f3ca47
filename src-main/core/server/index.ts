import type { Clock } from '../base/clock'
import type { Logger } from '../base/logger'
import type { CoreEvents } from '../events'
import type { CallPipeline, ClientPermissions } from '../policy'
import type { SkillRuntime } from '../runtime/skillRuntime'
import type { SecretStore } from '../secrets/secretStore'
import type { SkillCatalog } from '../skills/catalog'
import type { AuditRepository } from '../storage/auditRepository'
import { ForeignChangeProbe } from '../storage/changeProbe'
import { ClientRepository } from '../storage/clientRepository'
import type { Db } from '../storage/database'
import { GapRepository } from '../storage/gapRepository'
import type { SkillRepository } from '../storage/skillRepository'
import { ClientRegistry } from './clients'
import type { LaunchCommand } from './clientConfig'
import { mcpHandlers } from './handlers'
import { McpService } from './mcpService'

export { McpService, type McpSession } from './mcpService'
export { prepareClientToken, type ClientIdentity } from './clients'
export type { LaunchCommand } from './clientConfig'
export {
  readRunningInstance,
  removeRunningInstance,
  writeRunningInstance,
  type RunningInstance,
} from './instanceFile'

export interface McpEndpointDeps {
  db: Db
  catalog: SkillCatalog
  repo: SkillRepository
  runtime: SkillRuntime
  /** The one path of every tool call (permissions, rate limits, call policies). */
  calls: CallPipeline
  /** What clients with a role may see and call. */
  permissions?: ClientPermissions
  audit: AuditRepository
  secrets: SecretStore
  events: CoreEvents
  /** Re-reads the skill folders and applies the lifecycle rules to changed skills. */
  reindex: () => Promise<unknown>
  /** True when a skill's files are still what was approved (stat, hash when moved); false: do not serve it. */
  verifyPin?: (skill: string) => boolean
  clock: Clock
  logger: Logger
  home: string
  appRoot: string
  env: NodeJS.ProcessEnv
  defaultPort: number
  version: string
  /** How MCP clients start this app as a stdio server (see CoreOptions.mcpLauncher). */
  launcher?: LaunchCommand
  /** Called for calls to tools nobody serves: the generator records a capability gap. */
  onUnknownTool?: (tool: string, client: string, args: unknown) => void
}

/** The MCP endpoint's part of the core: the service the transports use and its route handlers. */
export function createMcpEndpointModule(deps: McpEndpointDeps) {
  const clients = new ClientRegistry({
    repo: new ClientRepository(deps.db),
    secrets: deps.secrets,
    clock: deps.clock,
    logger: deps.logger,
    audit: deps.audit,
  })
  const probe = new ForeignChangeProbe(deps.db)
  const service = new McpService({
    catalog: deps.catalog,
    repo: deps.repo,
    runtime: deps.runtime,
    calls: deps.calls,
    permissions: deps.permissions,
    gaps: new GapRepository(deps.db),
    onUnknownTool: deps.onUnknownTool,
    clients,
    events: deps.events,
    reindex: deps.reindex,
    verifyPin: deps.verifyPin,
    foreignChanged: () => probe.changed(),
    clock: deps.clock,
    logger: deps.logger,
    version: deps.version,
  })
  const handlers = mcpHandlers({
    clients,
    home: deps.home,
    appRoot: deps.appRoot,
    defaultPort: deps.defaultPort,
    env: deps.env,
    launcher: deps.launcher,
  })
  return { service, handlers, dispose: () => service.dispose() }
}
