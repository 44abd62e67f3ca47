import { useState, type ChangeEvent, type RefObject } from 'react'

/**
 * A secret typed into an uncontrolled password field (`ref` is on it): React never mirrors it
 * into state or a `value` attribute, it is read once when sent, and `wipe()` empties the field
 * and bumps `generation` (the input's key) so a fresh element replaces the one that held it.
 * `normalise` decides what counts as typed (the provider key is trimmed, a credential is not).
 */
export function useSecretField(
  ref: RefObject<HTMLInputElement | null>,
  normalise: (raw: string) => string = (raw) => raw,
) {
  const [generation, setGeneration] = useState(0)
  const [empty, setEmpty] = useState(true)
  return {
    generation,
    empty,
    onChange: (event: ChangeEvent<HTMLInputElement>): void => setEmpty(normalise(event.target.value) === ''),
    /** The typed secret, '' when there is none. */
    read: (): string => normalise(ref.current?.value ?? ''),
    wipe: (): void => {
      if (ref.current) ref.current.value = ''
      setEmpty(true)
      setGeneration((current) => current + 1)
    },
  }
}
