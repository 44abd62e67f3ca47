import { useEffect } from 'react'
import { Section } from '../../components/Section'
import { useAppStore } from '../../stores/context'
import { RunnerLog } from './RunnerLog'
import { RunnerStatus } from './RunnerStatus'
import { TestReport } from './TestReport'
import { ToolCaller } from './ToolCaller'

/** The test runner of one skill: its server, its tools, a call form, the log and the tests. */
export function RunnerPanel({ name }: { name: string }) {
  const open = useAppStore('runtime', (state) => state.open)

  useEffect(() => {
    void open(name)
  }, [open, name])

  return (
    <div data-testid="runner" className="flex flex-col">
      <Section title="Server">
        <RunnerStatus name={name} />
      </Section>
      <ToolCaller name={name} />
      <Section title="Server log">
        <RunnerLog name={name} />
      </Section>
      <Section title="Tests">
        <TestReport name={name} />
      </Section>
    </div>
  )
}
