import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { tempDir } from './fs'

/**
 * A raw ustar entry header + body, for entries the tar CLI will not write (absolute, `..`, a second
 * entry of the same name after a symlink). `type`: '0' file, '1' hardlink, '2' symlink, '3' device.
 */
export function tarEntry(name: string, body: string, type = '0', link = ''): Buffer {
  const header = Buffer.alloc(512)
  header.write(name, 0, 'utf8')
  header.write('0000644\0', 100)
  header.write('0000000\0', 108)
  header.write('0000000\0', 116)
  header.write(Buffer.byteLength(body).toString(8).padStart(11, '0') + '\0', 124)
  header.write('00000000000\0', 136)
  header.write(type, 156)
  header.write(link, 157)
  header.write('ustar\0' + '00', 257)
  header.fill(' ', 148, 156)
  let sum = 0
  for (const b of header) sum += b
  header.write(sum.toString(8).padStart(6, '0') + '\0 ', 148)
  const data = Buffer.alloc(Math.ceil(Buffer.byteLength(body) / 512) * 512)
  data.write(body)
  return Buffer.concat([header, data])
}

/** A gzipped tar of raw entries. */
export const tarOf = (...entries: Buffer[]): Buffer =>
  gzipSync(Buffer.concat([...entries, Buffer.alloc(1024)]))

/** A zip made by python's zipfile, which (unlike the zip CLI) writes the same name twice when asked. */
export function zipOf(entries: Array<[string, string]>): Buffer {
  const out = join(tempDir(), 'made.zip')
  const spec = join(tempDir(), 'entries.json')
  writeFileSync(spec, JSON.stringify(entries))
  execFileSync('python3', [
    '-W',
    'ignore',
    '-c',
    'import json,sys,zipfile\n' +
      'z=zipfile.ZipFile(sys.argv[1],"w",zipfile.ZIP_DEFLATED)\n' +
      'for n,b in json.load(open(sys.argv[2])): z.writestr(n,b)\n' +
      'z.close()',
    out,
    spec,
  ])
  return readFileSync(out)
}
