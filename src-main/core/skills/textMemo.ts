/**
 * `read(text)`, remembered by the text within this process and bounded by the bytes of text kept
 * (emptied when full). `copy` gives every caller, and the memo itself, a value of its own, so a
 * caller changing what it got changes nothing for the next one; a value `copy` cannot copy is read
 * again rather than shared.
 */
export function memoByText<T>(
  read: (text: string) => T,
  copy: (value: T) => T,
  maxBytes = 32 * 1024 * 1024,
): (text: string) => T {
  const kept = new Map<string, T>()
  let bytes = 0
  return (text) => {
    const hit = kept.get(text)
    if (hit !== undefined) {
      try {
        return copy(hit)
      } catch {
        // Not copyable after all: read again below.
      }
    }
    const value = read(text)
    if (bytes + text.length > maxBytes) {
      kept.clear()
      bytes = 0
    }
    try {
      kept.set(text, copy(value))
      bytes += text.length
    } catch {
      // Not copyable: not remembered.
    }
    return value
  }
}
