import { INHERITED_VARIABLES } from '../../runtime/environment'
import { declaredCredentials } from '../../runtime/credentials'
import type { SkillManifest } from '../../skills/manifest'

/** What a skill declares about itself: the yardstick its code is measured against. */
export interface SkillContext {
  name: string | null
  /** `metadata.skilldock.network` domains, lowercased (`*.example.com` allowed). */
  network: string[]
  /** Environment variables the skill may read: declared credentials, requires.env, primaryEnv. */
  env: Set<string>
  /** Programs from requires.bins and requires.anyBins. */
  bins: Set<string>
  allowedTools: string[]
}

export function skillContext(manifest: SkillManifest): SkillContext {
  return {
    name: manifest.name,
    network: manifest.network.map((d) => d.toLowerCase()),
    env: new Set(declaredCredentials(manifest).map((c) => c.name)),
    bins: new Set([...manifest.requires.bins, ...manifest.requires.anyBins]),
    allowedTools: manifest.allowedTools,
  }
}

export const EMPTY_CONTEXT: SkillContext = {
  name: null,
  network: [],
  env: new Set(),
  bins: new Set(),
  allowedTools: [],
}

/** True when a host is one of the declared domains (or under a declared `*.domain`). */
export function hostDeclared(host: string, network: readonly string[]): boolean {
  const h = host.toLowerCase().replace(/\.$/, '')
  return network.some((domain) => {
    if (domain.startsWith('*.')) return h.endsWith(domain.slice(1)) || h === domain.slice(2)
    return h === domain
  })
}

/** Variables every skill gets from SkillDock, which reading is never a finding. */
export function isProvidedVariable(name: string): boolean {
  return (
    INHERITED_VARIABLES.includes(name) || name.startsWith('SKILLDOCK_') || name === 'PWD' || name === 'SHELL'
  )
}

const CREDENTIAL_NAME =
  /KEY|TOKEN|SECRET|PASS(WORD|WD)?|CRED|AUTH|SESSION|COOKIE|PRIVATE|CERT|^AWS_|^GITHUB_|^GH_|^OPENAI|^ANTHROPIC|^AZURE_|^GOOGLE_|^GCP_|^SLACK_|^STRIPE_|^DATABASE_URL$/i

/** Whether an environment variable name looks like it holds a credential. */
export function looksLikeCredential(name: string): boolean {
  return CREDENTIAL_NAME.test(name)
}

/** Sites used to drop stolen data or fetch payloads anonymously: paste bins, tunnels, request catchers. */
const PASTE_AND_TUNNEL_SITES = [
  'pastebin.com',
  'hastebin.com',
  'ghostbin.co',
  'ghostbin.com',
  'paste.ee',
  'rentry.co',
  'termbin.com',
  'transfer.sh',
  '0x0.st',
  'file.io',
  'ngrok.io',
  'ngrok.app',
  'ngrok-free.app',
  'webhook.site',
  'requestbin.com',
  'requestbin.net',
  'pipedream.net',
  'beeceptor.com',
  'interact.sh',
  'oast.fun',
  'oast.pro',
  'burpcollaborator.net',
  'serveo.net',
  'loca.lt',
  'localtunnel.me',
  'trycloudflare.com',
  'requestcatcher.com',
]

export type HostConcern = 'raw-ip' | 'private-ip' | 'paste-site'

/** Why a host is suspicious in a skill, or null. Loopback addresses are not a concern. */
export function hostConcern(host: string): HostConcern | null {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '')
  if (h === 'localhost' || h === '::1' || /^127\./.test(h) || h === '0.0.0.0') return null
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(h)) {
    return /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|169\.254\.)/.test(h) ? 'private-ip' : 'raw-ip'
  }
  if (/^[0-9a-f:]+$/.test(h) && h.includes(':')) return 'raw-ip'
  if (/^\d+$/.test(h) || /^0x[0-9a-f]+$/.test(h)) return 'raw-ip'
  if (h === 'discord.com' || h === 'discordapp.com') return null
  return PASTE_AND_TUNNEL_SITES.some((site) => h === site || h.endsWith('.' + site)) ? 'paste-site' : null
}

/** Hosts of the http(s)/ws/ftp URLs in a text, with their character offsets. */
export function urlsIn(text: string): { url: string; host: string; index: number }[] {
  const out: { url: string; host: string; index: number }[] = []
  for (const m of text.matchAll(
    /\b(?:https?|wss?|ftp):\/\/(?:[^\s/@<>"'`]*@)?(\[[0-9a-fA-F:]+\]|[^\s/:?#<>"'`)\]]+)[^\s<>"'`)\]]*/gi,
  )) {
    const host = (m[1] ?? '').toLowerCase()
    if (host !== '') out.push({ url: m[0], host, index: m.index })
  }
  return out
}
