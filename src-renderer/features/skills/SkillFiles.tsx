import type { SkillFile } from '../../../src-main/contract'
import { Section } from '../../components/Section'
import { formatBytes } from './presentation'

/** The files in the skill's folder, with sizes. */
export function SkillFiles({ files }: { files: SkillFile[] }) {
  if (files.length === 0) return null
  return (
    <Section title={`Files (${files.length})`}>
      <table className="w-full text-sm">
        <tbody>
          {files.map((file) => (
            <tr key={file.path} className="border-b border-line last:border-0">
              <td className="selectable py-0.5 pr-3 font-mono text-xs break-all">{file.path}</td>
              <td className="py-0.5 text-right whitespace-nowrap text-muted tabular-nums">
                {formatBytes(file.size)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  )
}
