import { useEffect } from 'react'
import { useAppStore } from '../../stores/context'
import type { ToolExample } from '../../stores/skillFiles'

/** A short label for an example: its own name, else its arguments. */
function exampleLabel(example: ToolExample, index: number): string {
  if (example.label) return example.label
  const args = JSON.stringify(example.arguments)
  return args === '{}' ? `Example ${index + 1}` : args.length > 60 ? `${args.slice(0, 57)}…` : args
}

/** The skill's `examples.json` entries for one tool, each filling the form in one click. */
export function ExamplePresets(props: {
  name: string
  tool: string
  onPick: (args: Record<string, unknown>) => void
}) {
  const examples = useAppStore('skillFiles', (state) => state.examples[props.name])
  const loadExamples = useAppStore('skillFiles', (state) => state.loadExamples)

  useEffect(() => {
    void loadExamples(props.name)
  }, [loadExamples, props.name])

  const forTool = (examples ?? []).filter((example) => example.tool === props.tool)
  if (forTool.length === 0) return null
  return (
    <div role="group" aria-label="Examples" className="flex flex-wrap items-center gap-1.5 text-sm">
      <span className="text-muted">Examples:</span>
      {forTool.map((example, index) => (
        <button
          key={index}
          type="button"
          data-testid="runner-example"
          title={JSON.stringify(example.arguments, null, 2)}
          onClick={() => props.onPick(example.arguments)}
          className="max-w-xs truncate rounded border border-line px-2 py-0.5 font-mono text-xs hover:bg-fg/6"
        >
          {exampleLabel(example, index)}
        </button>
      ))}
    </div>
  )
}
