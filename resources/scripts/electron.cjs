#!/usr/bin/env node
// `npm start` / `npm run dev`: make sure the Electron binary and an Electron-ABI build of
// better-sqlite3 exist, then launch through electron-vite. The Node build used by the CLI
// and the tests is never touched: Electron gets its own copy via SKILLDOCK_SQLITE_BINDING.
'use strict'
const { spawnSync } = require('node:child_process')
const { cpSync, existsSync, mkdirSync, readFileSync, rmSync } = require('node:fs')
const { join } = require('node:path')

const root = join(__dirname, '..', '..')
const mode = process.argv[2] === 'dev' ? 'dev' : 'preview'
const electronDir = join(root, 'node_modules', 'electron')

function fail(message) {
  process.stderr.write(`\n${message}\n\n`)
  process.exit(1)
}

function electronBinaryPresent() {
  const pathFile = join(electronDir, 'path.txt')
  if (!existsSync(pathFile)) return false
  return existsSync(join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()))
}

function ensureElectron() {
  if (electronBinaryPresent()) return
  process.stderr.write('Downloading the Electron binary (first start only)…\n')
  const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    stdio: ['ignore', 'inherit', 'pipe'],
    encoding: 'utf8',
  })
  if (result.status !== 0 || !electronBinaryPresent()) {
    const reason = (result.stderr || '').trim().split('\n')[0] || 'unknown error'
    fail(
      'SkillDock cannot open its desktop window: the Electron binary is not installed and could not be\n' +
        `downloaded (${reason}).\n` +
        'Connect to the internet and run `npm start` again, or run `npx install-electron`.\n\n' +
        'Meanwhile you can use the same UI in your browser:  npm run serve',
    )
  }
}

function run(command, args, options = {}) {
  return spawnSync(command, args, {
    stdio: 'inherit',
    cwd: options.cwd ?? root,
    env: { ...process.env, ...options.env },
  })
}

/** better_sqlite3.node for Electron's ABI, built once per Electron version into node_modules/.skilldock-native. */
function ensureElectronSqlite() {
  const electronVersion = require(join(electronDir, 'package.json')).version
  const target = join(
    root,
    'node_modules',
    '.skilldock-native',
    `electron-${electronVersion}-${process.arch}`,
  )
  const binding = join(target, 'build', 'Release', 'better_sqlite3.node')
  if (existsSync(binding)) return binding
  process.stderr.write(`Building better-sqlite3 for Electron ${electronVersion} (first start only)…\n`)
  rmSync(target, { recursive: true, force: true })
  mkdirSync(target, { recursive: true })
  const source = join(root, 'node_modules', 'better-sqlite3')
  cpSync(source, target, { recursive: true, filter: (src) => !src.startsWith(join(source, 'build')) })
  const runtime = ['--runtime=electron', `--target=${electronVersion}`, `--arch=${process.arch}`]
  const prebuilt = run(
    process.execPath,
    [require.resolve('prebuild-install/bin.js', { paths: [source] }), ...runtime],
    {
      cwd: target,
    },
  )
  if (prebuilt.status !== 0 || !existsSync(binding)) {
    const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx'
    const built = run(
      npx,
      ['--yes', 'node-gyp', 'rebuild', '--release', ...runtime, '--dist-url=https://electronjs.org/headers'],
      {
        cwd: target,
      },
    )
    if (built.status !== 0 || !existsSync(binding)) {
      fail(
        'Could not build better-sqlite3 for Electron. Check your network and C++ toolchain, then run `npm start` again.',
      )
    }
  }
  return binding
}

ensureElectron()
const binding = ensureElectronSqlite()
const electronVite = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js')
const result = run(process.execPath, [electronVite, mode], { env: { SKILLDOCK_SQLITE_BINDING: binding } })
process.exit(result.status ?? 1)
