/**
 * Syntax colours for the read-only file viewer, from the Monaco tokenizers bundled with the editor
 * (no HTML is produced: the viewer renders each token as React text). Imported lazily.
 */
import { languageOf } from '../editor/languages'
import { monaco } from '../editor/monacoSetup'

export interface CodeToken {
  text: string
  /** The token's kind: keyword, string, comment, number, type… ('' for plain text). */
  kind: string
}

/** Above this size the file is shown uncoloured: tokenizing it would freeze the page. */
const MAX_HIGHLIGHT_CHARS = 200_000

/** The text's lines as coloured tokens, or null when the file's language is not known. */
export async function highlight(text: string, path: string): Promise<CodeToken[][] | null> {
  const language = languageOf(path)
  if (!language || text.length > MAX_HIGHLIGHT_CHARS) return null
  // colorize waits for the language's tokenizer to load; tokenize alone would return plain text.
  await monaco.editor.colorize('', language, {})
  const lines = text.split('\n')
  return monaco.editor.tokenize(text, language).map((tokens, index) => {
    const line = lines[index] ?? ''
    return tokens.map((token, at) => ({
      text: line.slice(token.offset, tokens[at + 1]?.offset ?? line.length),
      kind: token.type.split('.')[0] ?? '',
    }))
  })
}
