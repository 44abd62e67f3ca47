import type { RiskLevel } from '../../../contract/models'

/** What a phrase rule is evidence of; used to combine findings (injection + exfiltration → CRITICAL). */
export type PhraseKind = 'override' | 'role' | 'secrecy' | 'hidden' | 'exfiltration' | 'secret-access'

export interface PhraseRule {
  rule: string
  kind: PhraseKind
  severity: RiskLevel
  pattern: RegExp
  message: string
  /** A negation earlier in the sentence ("never … without asking the user") makes the match harmless. */
  negatable?: boolean
}

/** Any run of characters up to the end of a sentence. */
const gap = (max: number): string => `(?:(?!\\.\\s)[^!?\\n]){0,${max}}?`

const SECRET_NOUN =
  "(?:~\\/\\.ssh\\S*|\\.ssh\\/\\S*|id_(?:rsa|ed25519|ecdsa|dsa)\\b|~\\/\\.aws\\S*|\\.aws\\/credentials|aws (?:credentials|keys?|secrets?)|\\.gnupg|\\.netrc|\\.env\\b|environment variables|env vars|(?:api|access|secret|private|ssh|auth) ?keys?|api[_-]keys?|(?:access |auth |bearer |session )?tokens?|passwords?|credentials|secrets|cookies|keychain|browser (?:data|history|profile)|(?:conversation|chat) history|(?:the )?user'?s? (?:files|data|documents|messages))"
const SEND_VERB =
  '(?:send|post|upload|transmit|forward|exfiltrate|leak|e-?mail|submit|report|copy|pipe|push|share|deliver|relay|sync)(?:s|es|ed|d|ing)?'
const DESTINATION =
  '(?:to|at|into|onto|via)\\s+(?:(?:https?|ftp|wss?):\\/\\/\\S+|[\\w.+-]+@[\\w-]+\\.[\\w.]+|(?:this|that|the following|our|my|an? (?:external|remote))\\s+(?:url|endpoint|server|address|webhook|host|inbox|e-?mail)|(?:a |the )?webhook|\\d{1,3}(?:\\.\\d{1,3}){3})'
const SECRET_FILE =
  '(?:~\\/\\.ssh|\\.ssh\\/|id_(?:rsa|ed25519|ecdsa)|~\\/\\.aws|\\.aws\\/credentials|\\.gnupg|\\.netrc|\\/etc\\/shadow|keychain|login data|cookies\\.sqlite|logins\\.json|\\.git-credentials|\\.docker\\/config\\.json|\\.kube\\/config)'

const OVERRIDE_MESSAGE =
  'Tells the agent to ignore its earlier instructions: a prompt-injection attack that hijacks the agent for whoever wrote this text. Do not approve the skill unless this is clearly a quoted example.'
const SECRECY_MESSAGE =
  'Tells the agent to hide what it does from you. A skill has no reason to keep secrets from its user: do not approve it.'

/** Prompt-injection, secrecy and exfiltration phrasings, matched case-insensitively on look-alike-folded text. */
export const PHRASE_RULES: readonly PhraseRule[] = [
  {
    rule: 'text.prompt-injection',
    kind: 'override',
    severity: 'HIGH',
    pattern:
      /\b(?:ignore|disregard|forget|override|bypass|abandon)\s+(?:(?:all|any|the|your|every|of|these|those|earlier)\s+)*(?:previous|prior|above|earlier|preceding|former|original|existing|initial|system|safety|developer|other)\s+(?:instructions?|prompts?|rules?|directions?|guidelines?|messages?|context|constraints?|polic(?:y|ies)|guardrails?|directives?)/gi,
    message: OVERRIDE_MESSAGE,
  },
  {
    rule: 'text.prompt-injection',
    kind: 'override',
    severity: 'HIGH',
    pattern:
      /\b(?:disregard|ignore|forget|override)\s+(?:the\s+|your\s+|any\s+)?(?:system\s+prompt|system\s+message|instructions\s+you\s+were\s+given)|\b(?:new|updated|real|actual|true)\s+system\s+(?:instructions|prompt)\s*:|\b(?:jailbreak(?:ed)?|jailbroken|do anything now|developer mode (?:enabled|on)|dan mode)\b|\bpretend\s+(?:that\s+)?you\s+(?:are|have)\s+(?:no\s+(?:restrictions|rules|guidelines|limits)|not\s+bound)|\bact\s+as\s+(?:an?\s+)?(?:unrestricted|unfiltered|jailbroken|evil|malicious|uncensored)\b/gi,
    message: OVERRIDE_MESSAGE,
  },
  {
    rule: 'text.prompt-injection.role',
    kind: 'role',
    severity: 'MEDIUM',
    pattern:
      /\byou\s+are\s+now\s+(?:a|an|no\s+longer|free|unrestricted|unfiltered|jailbroken|dan|in\s+\w+\s+mode)\b|\bfrom\s+now\s+on,?\s+you\s+(?:are|will|must|should)\b|\b(?:new|updated)\s+instructions\s*:/gi,
    message:
      'Tries to give the agent a new identity or new standing orders, a common opening of prompt-injection attacks. Check that this is a harmless role description.',
  },
  {
    rule: 'text.prompt-injection.secrecy',
    kind: 'secrecy',
    severity: 'HIGH',
    pattern:
      /\b(?:do\s+not|don't|never)\s+(?:tell|inform|notify|alert|warn|mention\s+(?:this|it|that|anything)\s+to|let)\s+the\s+user(?!\s+to\b)|\b(?:hide|conceal|keep)\s+(?:this|it|that|these|them|the\s+\w+)\s+(?:secret\s+|hidden\s+)?from\s+the\s+user|\bthe\s+user\s+(?:must|should)\s+(?:not|never)\s+(?:know|see|find\s+out|notice)|\bsilently\s+(?:send|upload|run|execute|install|delete|post|forward|copy|download)|\b(?:do\s+not|don't|never)\s+(?:mention|reveal|disclose)\s+(?:this|these|that|the)\s+(?:instructions?|steps?|actions?|commands?|requests?)/gi,
    message: SECRECY_MESSAGE,
  },
  {
    rule: 'text.prompt-injection.secrecy',
    kind: 'secrecy',
    severity: 'HIGH',
    pattern: /\bwithout\s+(?:telling|informing|notifying|alerting|asking|warning)\s+the\s+user/gi,
    message: SECRECY_MESSAGE,
    negatable: true,
  },
  {
    rule: 'text.hidden-instructions',
    kind: 'hidden',
    severity: 'HIGH',
    pattern:
      /<\s*\/?\s*(?:important|system|sys|admin|instructions?|secret|hidden|critical|override)\s*>|<\|(?:im_start|im_end|system|endoftext)\|>|\[\/?INST\]|<<\/?SYS>>/gi,
    message:
      'Contains an <IMPORTANT>/<SYSTEM>-style block or chat control token, used to smuggle instructions that look like they come from the system. Read the block; do not approve the skill if it tells the agent to do anything you did not ask for.',
  },
  {
    rule: 'text.exfiltration',
    kind: 'exfiltration',
    severity: 'CRITICAL',
    pattern: new RegExp(`\\b${SEND_VERB}\\b${gap(120)}${SECRET_NOUN}${gap(120)}${DESTINATION}`, 'gi'),
    message:
      'Tells the agent to send secrets or your data to an outside address. This is data theft: do not approve the skill.',
    negatable: true,
  },
  {
    rule: 'text.exfiltration',
    kind: 'exfiltration',
    severity: 'MEDIUM',
    pattern: /\bexfiltrat\w*/gi,
    message:
      'Talks about exfiltrating (smuggling out) data. Read the passage: instructions to move data out of your computer are a red flag.',
    negatable: true,
  },
  {
    rule: 'text.secret-access',
    kind: 'secret-access',
    severity: 'HIGH',
    pattern: new RegExp(
      `\\b(?:read|cat|open|print|show|output|display|list|dump|collect|gather|grab|harvest|extract|copy|load|fetch|access|steal|include|attach)\\b${gap(60)}${SECRET_FILE}`,
      'gi',
    ),
    message:
      'Tells the agent to read SSH keys, cloud credentials, password stores or browser logins. A skill should never need those: do not approve it unless the author explains why.',
    negatable: true,
  },
]

/** Words before a match, in the same sentence, that turn an instruction into a prohibition. */
export const NEGATION =
  /\b(?:never|not|don't|do\s+not|must\s+not|should\s+not|refuse\s+to|avoid|prevent|block)\b/i

/** Text addressed to an AI agent, which has no business in a hidden HTML comment. */
export const ADDRESSES_AGENT =
  /\b(?:you|your|assistant|agent|ai|claude|gpt|chatgpt|copilot|model|llm)\b|\b(?:always|never|must|do\s+not|don't)\s+(?:tell|mention|reveal|ask|say|show|run|execute|send|read|fetch|download|install|upload|delete|follow|obey)\b/i
