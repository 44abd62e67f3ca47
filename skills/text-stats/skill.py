# /// script
# requires-python = ">=3.10"
# ///
"""Text statistics: counts, reading time, readability scores and word frequencies."""

from __future__ import annotations

import re
from collections import Counter

try:
    from mcp.server.fastmcp import FastMCP  # official MCP SDK, when installed
except ImportError:
    from skilldock_mcp import FastMCP  # stdlib kit shipped with SkillDock

mcp = FastMCP(
    "text-stats",
    instructions=(
        "Measure plain text. Call text_statistics for counts, reading time and readability; "
        "call top_words for the most frequent words or phrases. Pass the text itself, not a file path."
    ),
)

READING_WPM = 238  # average silent reading speed for adults (Brysbaert, 2019)
SPEAKING_WPM = 150  # comfortable presentation pace

_WORD = re.compile(r"\d+(?:[.,]\d+)*|[^\W_]+(?:['’\-][^\W_]+)*")
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s|$)|\n\s*\n")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")

STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have
    having he her here hers herself him himself his how i if in into is it its itself just let me more
    most my myself no nor not now of off on once only or other our ours ourselves out over own same she
    should so some such than that the their theirs them themselves then there these they this those
    through to too under until up very was we were what when where which while who whom why will with
    would you your yours yourself yourselves isn't aren't wasn't weren't don't doesn't didn't can't
    couldn't won't wouldn't shouldn't it's i'm i've i'd i'll you're you've you'll he's she's we're
    we've they're they've that's there's what's let's may might must shall one also many much via
    """.split()
)


def _require_text(text: str) -> str:
    if not isinstance(text, str):
        raise ValueError("text must be a string containing the text to analyse")
    if not text.strip():
        raise ValueError("text is empty: pass the text to analyse (not a file path or URL)")
    return text


def _syllables(word: str) -> int:
    """Estimate English syllables with a vowel-group heuristic (good to about +/-1 per word)."""
    w = re.sub(r"[^a-z]", "", word.lower())
    if len(w) <= 3:
        return 1
    w = re.sub(r"(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$", "", w)
    w = re.sub(r"^y", "", w)
    return max(1, len(re.findall(r"[aeiouy]{1,2}", w)))


_ABBREVIATIONS = frozenset("mr mrs ms dr prof sr jr st vs etc eg ie cf approx no fig inc ltd".split())


def _sentences(text: str) -> list[str]:
    """Split on terminal punctuation or blank lines, skipping abbreviations such as "Dr." and "e.g."."""
    parts, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        before = re.search(r"([^\W\d_]+(?:\.[^\W\d_]+)*)$", text[start : match.start()])
        abbreviation = before is not None and before.group(1).replace(".", "").lower() in _ABBREVIATIONS
        if match.group().startswith(".") and abbreviation:
            continue
        parts.append(text[start : match.start()])
        start = match.end()
    parts.append(text[start:])
    return [part for part in parts if _WORD.search(part)]


def _ease_label(score: float) -> str:
    bands = [(90, "very easy"), (80, "easy"), (70, "fairly easy"), (60, "plain English"),
             (50, "fairly difficult"), (30, "difficult")]
    return next((label for floor, label in bands if score >= floor), "very difficult")


@mcp.tool()
def text_statistics(text: str) -> dict:
    """Count words, sentences, characters and paragraphs, and estimate reading time and readability.

    Args:
        text: The text to analyse (plain text or Markdown; markup characters are ignored as words).

    Returns characters, characters_no_spaces, words, unique_words, sentences, paragraphs,
    syllables, average_word_length, average_sentence_length, reading_time_minutes
    (at 238 words/minute), speaking_time_minutes (150 wpm), flesch_reading_ease
    (0-100, higher is easier), flesch_kincaid_grade and a readability label.
    Syllable-based scores assume English text.
    """
    text = _require_text(text)
    words = _WORD.findall(text)
    if not words:
        raise ValueError("text contains no words (only punctuation, symbols or whitespace)")
    sentence_count = max(1, len(_sentences(text)))
    paragraphs = [p for p in _PARAGRAPH_BREAK.split(text) if p.strip()]
    syllables = sum(_syllables(w) for w in words)
    letters = sum(len(re.sub(r"['’\-]", "", w)) for w in words)
    words_per_sentence = len(words) / sentence_count
    syllables_per_word = syllables / len(words)
    ease = 206.835 - 1.015 * words_per_sentence - 84.6 * syllables_per_word
    grade = 0.39 * words_per_sentence + 11.8 * syllables_per_word - 15.59
    return {
        "characters": len(text),
        "characters_no_spaces": len(re.sub(r"\s", "", text)),
        "words": len(words),
        "unique_words": len({w.lower() for w in words}),
        "sentences": sentence_count,
        "paragraphs": len(paragraphs),
        "syllables": syllables,
        "average_word_length": round(letters / len(words), 2),
        "average_sentence_length": round(words_per_sentence, 2),
        "reading_time_minutes": round(len(words) / READING_WPM, 2),
        "speaking_time_minutes": round(len(words) / SPEAKING_WPM, 2),
        "flesch_reading_ease": round(ease, 1),
        "flesch_kincaid_grade": round(grade, 1),
        "readability": _ease_label(ease),
    }


@mcp.tool()
def top_words(
    text: str,
    top: int = 10,
    min_length: int = 3,
    stopwords: bool = True,
    ngram: int = 1,
) -> dict:
    """List the most frequent words (or multi-word phrases) in a text, case-insensitively.

    Args:
        text: The text to analyse.
        top: How many entries to return (1-500, default 10).
        min_length: Ignore words shorter than this many characters (default 3; use 1 to keep all).
        stopwords: When true (default), skip common English function words such as "the", "and", "with".
        ngram: 1 for single words (default), 2-5 for phrases of that many consecutive words;
            phrases are dropped when any word in them is filtered out.

    Returns total_words, unique_terms and a "top" list of {term, count, share}, where share is
    count as a fraction of all counted terms. Ties are ordered alphabetically.
    """
    text = _require_text(text)
    if not 1 <= top <= 500:
        raise ValueError(f"top must be between 1 and 500, got {top}")
    if min_length < 1:
        raise ValueError(f"min_length must be at least 1, got {min_length}")
    if not 1 <= ngram <= 5:
        raise ValueError(f"ngram must be between 1 and 5, got {ngram}")

    words = [w.lower().replace("’", "'") for w in _WORD.findall(text)]
    words = [w[:-2] if w.endswith("'s") else w for w in words]

    def keep(word: str) -> bool:
        return len(word) >= min_length and not (stopwords and word in STOPWORDS)

    counts: Counter[str] = Counter()
    for i in range(len(words) - ngram + 1):
        window = words[i : i + ngram]
        if all(keep(w) for w in window):
            counts[" ".join(window)] += 1

    total = sum(counts.values())
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:top]
    return {
        "total_words": len(words),
        "counted_terms": total,
        "unique_terms": len(counts),
        "top": [{"term": term, "count": n, "share": round(n / total, 4)} for term, n in ranked],
    }


if __name__ == "__main__":
    mcp.run()
