import type { RiskLevel } from '../../../contract/models'

export type ScriptLanguage = 'sh' | 'js' | 'ps' | 'bat'

export interface LinePattern {
  rule: string
  severity: RiskLevel
  pattern: RegExp
  message: string
  /** Languages the pattern applies to; all when absent. */
  languages?: readonly ScriptLanguage[]
  /** Also applied to shell-like code blocks of Markdown and text files (what an agent may be told to run). */
  command?: boolean
  /** Also applied to prose lines of Markdown and text files (shapes that never occur in ordinary writing). */
  prose?: boolean
}

const DOWNLOAD_EXEC =
  'Downloads code from the internet and runs it immediately, so whoever controls that address controls your computer, and what runs can change after you approve. Do not approve it.'
const DECODE_EXEC =
  'Decodes hidden (base64/hex) text and runs it as a command. Skills have no reason to hide their commands: do not approve it.'
const REVERSE_SHELL =
  'Opens a reverse shell: it connects out to another computer and hands it a command prompt on yours. Do not approve this skill; remove it.'
const DESTRUCTIVE =
  'Deletes files recursively outside the skill (your home folder, the whole disk, or a path from a variable that may be empty). Do not approve it unless the path is clearly safe.'
const PERSISTENCE =
  'Makes something start automatically (cron, shell startup files, login items, services, Run keys). A skill should never install itself into your system: do not approve it.'
const CREDENTIALS =
  'Reads SSH keys, cloud credentials, password stores or browser logins. A skill should never touch those: do not approve it unless the author explains why.'
const EXFILTRATION =
  'Sends environment variables or secret files to another computer. This is credential theft: do not approve it.'
const EVASION =
  'Turns off security protections or erases shell history, which only makes sense when hiding something. Do not approve it.'

/** One rule matched by any of several patterns: an entry a pattern, in the order given. */
function ruleWithPatterns(rule: Omit<LinePattern, 'pattern'>, patterns: readonly RegExp[]): LinePattern[] {
  return patterns.map((pattern) => ({ ...rule, pattern }))
}

/** Line-level rules, applied to logical lines (continuations joined). */
export const LINE_PATTERNS: readonly LinePattern[] = [
  // Download-and-run in POSIX shells, then in PowerShell and Windows tools.
  ...ruleWithPatterns(
    {
      rule: 'script.download-exec',
      severity: 'CRITICAL',
      command: true,
      prose: true,
      message: DOWNLOAD_EXEC,
    },
    [
      /\b(?:curl|wget|fetch|aria2c|http|invoke-webrequest|iwr)\b[^;&\n]*?\|\s*(?:sudo\s+(?:-\S+\s+)*)?(?:env\s+(?:\S+=\S+\s+)*)?(?:(?:(?:ba|z|da|k|fi|c|tc)?sh|source)\b|(?:python[0-9.]*|perl|ruby|node|php)(?=\s+-(?:\s|$)|\s*(?:$|[;&|)])))|\b(?:(?:ba|z|da|k)?sh|python[0-9.]*|perl|ruby|node)\s+(?:-\w+\s+)*-[ce]\s+["']?(?:\$\(|`)\s*(?:curl|wget)\b|\b(?:(?:ba|z)?sh|source|\.)\s+<\(\s*(?:curl|wget)\b|\beval\s+["']?(?:\$\(|`)\s*(?:curl|wget)\b/i,
      /\b(?:iwr|irm|invoke-webrequest|invoke-restmethod|curl|wget)\b[^|\n]*\|\s*(?:iex|invoke-expression)\b|\b(?:iex|invoke-expression)\b[\s(]*(?:\(\s*)?(?:new-object\s+(?:system\.)?net\.webclient|iwr|irm|invoke-webrequest|invoke-restmethod|\[system\.net\.webclient\])|\bmshta(?:\.exe)?\s+(?:https?|vbscript|javascript):|\bregsvr32\b[^\n]*\/i:\s*https?:|python[0-9.]*\s+-c\s+[^\n]*\b(?:urlopen|requests\.get)\b[^\n]*\bexec\b/i,
    ],
  ),
  {
    rule: 'script.download-exec',
    severity: 'CRITICAL',
    languages: ['js'],
    message: DOWNLOAD_EXEC,
    pattern:
      /\b(?:eval|Function)\s*\(\s*(?:await\s+)?\(?\s*(?:await\s+)?(?:fetch|axios(?:\.get)?|got|request)\s*\(/,
  },
  {
    rule: 'script.download-exec',
    severity: 'HIGH',
    command: true,
    prose: true,
    message:
      'Downloads a file with a Windows system tool often abused to fetch malware (certutil/bitsadmin). Ask the author why.',
    pattern: /\bcertutil(?:\.exe)?\b[^\n]*-urlcache\b|\bbitsadmin(?:\.exe)?\b[^\n]*\/transfer\b/i,
  },
  {
    rule: 'script.decode-exec',
    severity: 'CRITICAL',
    command: true,
    prose: true,
    message: DECODE_EXEC,
    pattern:
      /\b(?:base64\s+(?:-d|--decode|-D)|xxd\s+-r(?:\s+-p)?|openssl\s+(?:base64|enc)\s+-d)\b[^|\n]*\|\s*(?:sudo\s+)?(?:(?:ba|z|da|k)?sh|python[0-9.]*|perl)\b|\beval\s+["']?(?:\$\(|`)[^\n]*\b(?:base64\s+(?:-d|--decode)|xxd\s+-r)|\b(?:python[0-9.]*|perl)\s+-[ce]\s+[^\n]*\b(?:b64decode|decode_base64|unhexlify)\b[^\n]*\b(?:exec|eval|system)\b|\bpowershell(?:\.exe)?\b[^\n]*\s-(?:e|ec|enc|encodedcommand)\s+[A-Za-z0-9+/=]{20,}|frombase64string[^\n]*\b(?:iex|invoke-expression)\b|\b(?:iex|invoke-expression)\b[^\n]*frombase64string/i,
  },
  {
    rule: 'script.decode-exec',
    severity: 'CRITICAL',
    languages: ['js'],
    message: DECODE_EXEC,
    pattern: /\b(?:eval|Function)\s*\(\s*(?:atob|Buffer\.from)\s*\(/,
  },
  {
    rule: 'script.reverse-shell',
    severity: 'CRITICAL',
    command: true,
    prose: true,
    message: REVERSE_SHELL,
    pattern:
      /\/dev\/(?:tcp|udp)\/[^\s/]+\/\d+|\b(?:nc|ncat|netcat)(?:\.exe)?\b[^|;&\n]*\s-(?:e|c)\s|\b(?:ba)?sh\s+-i\s*(?:[0-9]?>&|<&|>\s*&)|\bmkfifo\b[^\n]*\b(?:nc|ncat|netcat|telnet|openssl\s+s_client)\b|\bsocat\b[^\n]*\b(?:exec|system):|\bpython[0-9.]*\s+-c\s+[^\n]*\bsocket\b[^\n]*\b(?:subprocess|pty|dup2)\b|\bperl\s+-e\s+[^\n]*\bsocket\b|\bruby\s+-rsocket\b|\bphp\s+-r\s+[^\n]*\bfsockopen\b|net\.sockets\.tcpclient[^\n]*getstream[^\n]*\b(?:iex|invoke-expression|start-process)\b/i,
  },
  {
    rule: 'script.destructive',
    severity: 'CRITICAL',
    command: true,
    prose: true,
    message: DESTRUCTIVE,
    pattern:
      /\brm\b[^\n]*--no-preserve-root|\bmkfs(?:\.\w+)?\s+\/dev\/|\bdd\s+[^\n]*\bof=\/dev\/(?:sd|nvme|hd|disk|mmcblk|rdisk)|\bformat(?:\.com)?\s+[a-z]:\s*(?:\/|$)/i,
  },
  {
    rule: 'script.destructive',
    severity: 'HIGH',
    command: true,
    prose: true,
    message: DESTRUCTIVE,
    pattern:
      /\bfind\s+(?:\/|~\/?|"?\$HOME"?|"?\$\{HOME\}"?)\s[^\n]*-(?:delete|exec\s+rm)\b|:\(\)\s*\{\s*:\s*\|\s*:\s*&\s*\}\s*;\s*:|\bremove-item\b[^\n]*-recurse\b[^\n]*(?:[a-z]:\\(?:\s|\*|'|"|$)|\$env:(?:userprofile|homepath|appdata|systemroot)|\$home\b|~[\\/]?(?:\s|$|'|"))|\b(?:rd|rmdir)\s+\/s\b[^\n]*(?:%userprofile%|%homepath%|%appdata%|%systemroot%|[a-z]:\\(?:\s|\*|"|$))|\bdel\s+[^\n]*\/s\b[^\n]*(?:%userprofile%|[a-z]:\\(?:\s|\*|"|$))/i,
  },
  {
    rule: 'script.destructive',
    severity: 'HIGH',
    languages: ['js'],
    message: DESTRUCTIVE,
    pattern:
      /\b(?:rmSync|rm|rmdirSync|rmdir|rimraf(?:\.sync)?|remove(?:Sync)?)\s*\(\s*(?:os\.homedir\(\)|homedir\(\)|process\.env\.(?:HOME|USERPROFILE)|['"`](?:\/|~\/?|[A-Za-z]:\\\\)['"`])/,
  },
  {
    rule: 'script.persistence',
    severity: 'CRITICAL',
    command: true,
    prose: true,
    message:
      'Adds an SSH key to authorized_keys, which lets someone log in to your computer whenever they like. Do not approve it.',
    pattern:
      /(?:>>?|\btee\b|appendFile(?:Sync)?\s*\(|add-content|writeFile(?:Sync)?\s*\()[^\n]*authorized_keys/i,
  },
  {
    rule: 'script.persistence',
    severity: 'HIGH',
    command: true,
    prose: true,
    message: PERSISTENCE,
    pattern:
      /\|\s*crontab\s+-(?:\s|$)|\bcrontab\s+["']?(?:[~$/][\w$~./-]*|[\w-]+\.[a-z]{1,5}\b)|(?:>>?|\btee\b(?:\s+-a)?|appendFile(?:Sync)?\s*\(|writeFile(?:Sync)?\s*\(|add-content|set-content|out-file)[^\n]*(?:\.bashrc|\.bash_profile|\.bash_login|\.zshrc|\.zprofile|\.zshenv|\.zlogin|(?:~|\$HOME|\$\{HOME\})\/\.profile|config\.fish|\$profile\b|library\/launch(?:agents|daemons)|\.config\/systemd\/user|\.config\/autostart)|\blaunchctl\s+(?:load|bootstrap|submit|enable)\b|\bsystemctl\s+(?:--user\s+)?(?:enable|link)\b|\breg(?:\.exe)?\s+add\b[^\n]*\\run(?:once)?\b|\bschtasks(?:\.exe)?\s+\/create\b|\b(?:register|new)-scheduledtask\b|\bnew-itemproperty\b[^\n]*\\run\b/i,
  },
  {
    rule: 'script.persistence',
    severity: 'HIGH',
    command: true,
    message: PERSISTENCE,
    pattern:
      /\bcrontab\b(?!\s+-l\b)|\/etc\/cron|\/var\/spool\/cron|\/etc\/rc\.local|library\/launch(?:agents|daemons)|\.config\/systemd\/user|\/etc\/systemd\/system|currentversion\\+run(?:once)?\b|\.config\/autostart|start menu\\+programs\\+startup/i,
  },
  {
    rule: 'script.exfiltration',
    severity: 'CRITICAL',
    command: true,
    prose: true,
    message: EXFILTRATION,
    pattern:
      /\b(?:env|printenv|set|get-childitem\s+env:)\s*\|\s*(?:curl|wget|nc|ncat|netcat|base64|iwr|invoke-webrequest|invoke-restmethod)\b|\b(?:curl|wget)\b[^\n]*(?:\$\((?:env|printenv)\)|`(?:env|printenv)`|(?:--data(?:-binary|-raw)?|-d|--upload-file|-T)\s+@?\S*(?:\.env\b|\.ssh\/|\.aws\/|id_rsa|id_ed25519)|-F\s+\S*=@\S*(?:\.ssh|\.aws|\.env|id_rsa|id_ed25519))/i,
  },
  {
    rule: 'script.credentials',
    severity: 'HIGH',
    message: CREDENTIALS,
    pattern:
      /(?:~|\$HOME|\$\{HOME\}|%USERPROFILE%|\$env:USERPROFILE)[\\/]\.(?:ssh|aws|gnupg|netrc|git-credentials|docker[\\/]config\.json|kube[\\/]config|config[\\/]gcloud|password-store)\b|\.ssh[\\/]id_\w+|\bid_(?:rsa|ed25519|ecdsa|dsa)\b|\.aws[\\/]credentials|login data|cookies\.sqlite|logins\.json|key4\.db|\bsecurity\s+(?:find-generic-password|find-internet-password|dump-keychain)\b|\bsecret-tool\s+lookup\b|\/etc\/shadow\b|\.local[\\/]share[\\/]keyrings|['"`]\.(?:ssh|aws|gnupg|netrc)['"`]/i,
  },
  {
    rule: 'script.process',
    severity: 'HIGH',
    languages: ['js'],
    message:
      'Starts other programs through Node (child_process, Deno or Bun). A program started this way can do anything your user account can. Check which commands it runs and why.',
    pattern:
      /\brequire\s*\(\s*['"`](?:node:)?child_process['"`]\s*\)|['"`](?:node:)?child_?['"`]\s*\+|\+\s*['"`]_?process['"`]|\bfrom\s+['"`](?:node:)?child_process['"`]|\bimport\s*\(\s*['"`](?:node:)?child_process['"`]\s*\)|\bprocess\.binding\s*\(\s*['"`]spawn_sync|\bDeno\.(?:run|Command)\b|\bBun\.spawn(?:Sync)?\b/,
  },
  {
    rule: 'script.eval',
    severity: 'HIGH',
    languages: ['js'],
    message:
      'Runs JavaScript built at run time (eval, new Function, vm), so a reviewer cannot tell what runs and input may become code. Ask the author to remove it.',
    pattern:
      /(?<![.\w])eval\s*\(|\bnew\s+Function\s*\(|\bvm\.(?:runInNewContext|runInThisContext|runInContext|compileFunction)\b|\bnew\s+vm\.Script\b/,
  },
  {
    rule: 'script.invoke-expression',
    severity: 'HIGH',
    languages: ['ps'],
    message:
      'Runs PowerShell text as code (Invoke-Expression/iex), so a reviewer cannot tell what runs. Ask the author to remove it.',
    pattern: /\b(?:iex|invoke-expression)\b/i,
  },
  {
    rule: 'script.privilege',
    severity: 'HIGH',
    command: true,
    prose: true,
    message:
      'Makes a file run with another user’s rights (setuid/setgid), a way to gain administrator access. Do not approve it.',
    pattern: /\bchmod\s+(?:-\w+\s+)*(?:[ugoa]*\+[rwx]*s[rwx]*|0?[2467][0-7]{3})\b/i,
  },
  {
    rule: 'script.privilege',
    severity: 'MEDIUM',
    command: true,
    message:
      'Asks for administrator rights (sudo) or makes files writable by everyone. Check why the skill needs that.',
    pattern: /(?:^|[;&|(]\s*|\s)sudo\s+\S|\bchmod\s+(?:-R\s+)?0?777\b/,
  },
  {
    rule: 'script.defense-evasion',
    severity: 'HIGH',
    command: true,
    prose: true,
    message: EVASION,
    pattern:
      /\bset-mppreference\b[^\n]*-disable|\bsetenforce\s+0\b|\bspctl\s+--master-disable\b|\bcsrutil\s+disable\b|\bhistory\s+-c\b|\bunset\s+HISTFILE\b|HISTFILE=\/dev\/null|\brm\b[^\n]*\.(?:bash|zsh)_history\b/i,
  },
  {
    rule: 'script.defense-evasion',
    severity: 'MEDIUM',
    command: true,
    message:
      'Removes macOS quarantine from downloaded files or turns off the firewall, which skips a safety check. Ask the author why.',
    pattern: /\bxattr\s+(?:-\w+\s+)*-d\s+com\.apple\.quarantine\b|\bufw\s+disable\b|\biptables\s+-F\b/i,
  },
]

/** Commands that talk to the network, for file-level combinations (credentials + network = theft). */
export const NETWORK_COMMAND =
  /\b(?:curl|wget|nc|ncat|netcat|socat|scp|sftp|rsync|ftp|telnet|invoke-webrequest|invoke-restmethod|iwr|irm|uploadstring|uploadfile|sendBeacon|XMLHttpRequest|axios|WebSocket)\b|net\.webclient|\bfetch\s*\(|\bhttps?\.(?:request|get)\s*\(|\bnet\.(?:connect|createConnection)\s*\(|\/dev\/tcp\//i

/** Node's network modules, for the JavaScript reverse-shell shape (net + child_process + a shell). */
export const JS_NET =
  /\brequire\s*\(\s*['"`](?:node:)?net['"`]\s*\)|\bfrom\s+['"`](?:node:)?net['"`]|\bnew\s+net\.Socket\b|\bnet\.(?:connect|createConnection)\s*\(/
export const JS_SHELL = /['"`](?:\/bin\/(?:ba|z)?sh|sh|bash|cmd(?:\.exe)?|powershell(?:\.exe)?)['"`]/
export const JS_ENV_DUMP =
  /JSON\.stringify\(\s*process\.env\s*\)|Object\.(?:entries|keys|values)\(\s*process\.env\s*\)|\.\.\.process\.env\b/
