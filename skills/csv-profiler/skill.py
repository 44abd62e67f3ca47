# /// script
# requires-python = ">=3.10"
# ///
"""Profile and preview CSV/TSV data: inferred column types, nulls, uniques, numeric stats, top values."""

from __future__ import annotations

import csv
import io
import re
import statistics
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Iterator

try:
    from mcp.server.fastmcp import FastMCP  # official MCP SDK, when installed
except ImportError:
    from skilldock_mcp import FastMCP  # stdlib kit shipped with SkillDock

mcp = FastMCP(
    "csv-profiler",
    instructions=(
        "Inspect CSV/TSV data from a file path or inline text. Call preview_csv to see the first rows and "
        "profile_csv for per-column types, null counts, unique counts, numeric statistics and top values."
    ),
)

NULLS = frozenset({"", "na", "n/a", "null", "none", "nan", "nil", "-"})
BOOLEANS = frozenset({"true", "false", "yes", "no"})
_INTEGER = re.compile(r"[+-]?\d+")
_FLOAT = re.compile(r"[+-]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][+-]?\d+)?")
_DATE = re.compile(r"\d{4}[-/]\d{2}[-/]\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?")
csv.field_size_limit(16 * 1024 * 1024)


def _kind(value: str) -> str:
    low = value.strip().lower()
    if low in NULLS:
        return "null"
    if _INTEGER.fullmatch(low):  # leading zeros (00123) mark codes such as ZIPs, not numbers
        return "string" if len(low.lstrip("+-")) > 1 and low.lstrip("+-")[0] == "0" else "integer"
    if _FLOAT.fullmatch(low):
        return "float"
    if low in BOOLEANS:
        return "boolean"
    if _DATE.fullmatch(low.upper()):
        try:
            datetime.fromisoformat(low.upper().replace("/", "-").replace("Z", "+00:00"))
            return "date"
        except ValueError:
            pass
    return "string"


def _column_type(kinds: Counter[str]) -> str:
    found = set(kinds) - {"null"}
    if not found:
        return "empty"
    if found <= {"integer"}:
        return "integer"
    if found <= {"integer", "float"}:
        return "float"
    return found.pop() if len(found) == 1 else "string"


def _delimiter(sample: str, delimiter: str | None) -> str:
    if delimiter is not None:
        delimiter = {"\\t": "\t", "tab": "\t"}.get(delimiter.lower(), delimiter)
        if len(delimiter) != 1:
            raise ValueError(f"delimiter must be one character such as ',' ';' '|' or '\\t', got {delimiter!r}")
        return delimiter
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        first_line = sample.splitlines()[0] if sample else ""
        return max(",;\t|", key=first_line.count)


def _encoding(file: Path) -> str:
    """utf-8 (BOM tolerated) unless the first 4 MB clearly is not, then Windows-1252."""
    with open(file, "rb") as handle:
        head = handle.read(4 * 1024 * 1024)
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 3:  # not just a multi-byte character cut at the end of the sample
            return "cp1252"
    return "utf-8-sig"


def _open(path: str | None, text: str | None) -> tuple[io.TextIOBase, str]:
    if (path is None) == (text is None):
        raise ValueError("pass exactly one of path (a CSV file) or text (CSV content)")
    if text is not None:
        return io.StringIO(text, newline=""), "utf-8"
    file = Path(path).expanduser()
    if not file.exists():
        raise ValueError(f"file not found: {file} (use an absolute path, or pass the CSV content as text)")
    if not file.is_file():
        raise ValueError(f"not a regular file: {file}")
    encoding = _encoding(file)
    return open(file, encoding=encoding, errors="replace", newline=""), encoding.removesuffix("-sig")


def _read(
    path: str | None, text: str | None, delimiter: str | None, has_header: bool
) -> Iterator[tuple[dict, list[str] | None]]:
    """Yield (info, None) once with delimiter, encoding and de-duplicated header, then (info, row) per row."""
    handle, encoding = _open(path, text)
    with handle:
        sample = handle.read(64 * 1024)
        if not sample.strip():
            raise ValueError("the CSV is empty")
        handle.seek(0)
        info = {"delimiter": _delimiter(sample, delimiter), "encoding": encoding}
        reader = csv.reader(handle, delimiter=info["delimiter"])
        try:
            first = next(reader, [])
            info["header"] = _dedupe(first if has_header else [f"column_{i + 1}" for i in range(len(first))])
            yield info, None
            if not has_header:
                yield info, first
            for row in reader:
                if any(cell.strip() for cell in row):
                    yield info, row
        except csv.Error as exc:
            raise ValueError(f"malformed CSV near line {reader.line_num}: {exc}") from None


def _dedupe(names: list[str]) -> list[str]:
    seen: Counter[str] = Counter()
    result = []
    for i, name in enumerate(names):
        name = name.strip() or f"column_{i + 1}"
        seen[name] += 1
        result.append(name if seen[name] == 1 else f"{name}_{seen[name]}")
    return result


@mcp.tool()
def profile_csv(
    path: str | None = None,
    text: str | None = None,
    delimiter: str | None = None,
    max_rows: int = 100000,
    top_values: int = 5,
    has_header: bool = True,
) -> dict:
    """Profile CSV/TSV data: row count and, per column, inferred type, nulls, uniques, stats and top values.

    Args:
        path: Path to a CSV/TSV file (absolute, or ~/...). Give either path or text, not both.
        text: CSV content as a string, for data pasted into the conversation.
        delimiter: Field separator; sniffed from the data when omitted (one of , ; tab |). Use "\\t" for tab.
        max_rows: Stop after this many data rows (1-5,000,000; default 100,000); "truncated" says if more exist.
        top_values: How many most-common values to report per column (0-50, default 5).
        has_header: Set false when the first row is data; columns are then named column_1, column_2, ...

    Column types: integer, float, boolean (true/false/yes/no), date (ISO 8601 such as 2024-05-01 or
    2024-05-01T10:30:00), string, or empty; integers with leading zeros (00123) count as strings.
    Null-like cells ("", NA, N/A, null, none, nan, -) are counted as nulls and ignored for typing.
    Numeric columns get min, max, mean, median and stdev; date columns min and max; string columns
    min_length and max_length. type_counts shows how many values matched each type.
    """
    if not 1 <= max_rows <= 5_000_000:
        raise ValueError(f"max_rows must be between 1 and 5,000,000, got {max_rows}")
    if not 0 <= top_values <= 50:
        raise ValueError(f"top_values must be between 0 and 50, got {top_values}")
    info: dict = {}
    counters: list[Counter[str]] = []
    kinds: list[Counter[str]] = []
    rows = ragged = 0
    truncated = False
    for info, row in _read(path, text, delimiter, has_header):
        if row is None:
            counters = [Counter() for _ in info["header"]]
            kinds = [Counter() for _ in info["header"]]
            continue
        if rows >= max_rows:
            truncated = True
            break
        rows += 1
        ragged += len(row) != len(info["header"])
        for i, column in enumerate(kinds):
            value = row[i] if i < len(row) else ""
            kind = _kind(value)
            column[kind] += 1
            if kind != "null":
                counters[i][value.strip()] += 1
    columns = [
        _profile_column(name, counters[i], kinds[i], rows, top_values) for i, name in enumerate(info["header"])
    ]
    return {
        "source": str(Path(path).expanduser()) if path else "text",
        "encoding": info["encoding"],
        "delimiter": info["delimiter"],
        "rows": rows,
        "columns": len(columns),
        "truncated": truncated,
        "ragged_rows": ragged,
        "column_profiles": columns,
    }


def _profile_column(name: str, values: Counter[str], kinds: Counter[str], rows: int, top: int) -> dict:
    kind = _column_type(kinds)
    profile: dict = {
        "name": name,
        "type": kind,
        "non_null": rows - kinds["null"],
        "nulls": kinds["null"],
        "unique": len(values),
        "type_counts": dict(kinds.most_common()),
    }
    if kind in ("integer", "float"):
        numbers = [n for value, count in values.items() for n in [float(value)] * count]
        cast = int if kind == "integer" else float
        profile.update(
            min=cast(min(numbers)),
            max=cast(max(numbers)),
            mean=round(statistics.fmean(numbers), 6),
            median=statistics.median(numbers),
            stdev=round(statistics.stdev(numbers), 6) if len(numbers) > 1 else 0.0,
        )
    elif kind == "date":
        ordered = sorted(values, key=lambda v: v.replace("/", "-"))
        profile.update(min=ordered[0], max=ordered[-1])
    elif kind == "string":
        profile.update(min_length=min(map(len, values)), max_length=max(map(len, values)))
    if top:
        profile["top_values"] = [{"value": v[:100], "count": c} for v, c in values.most_common(top)]
    return profile


@mcp.tool()
def preview_csv(
    path: str | None = None,
    text: str | None = None,
    delimiter: str | None = None,
    rows: int = 10,
    has_header: bool = True,
) -> dict:
    """Show the header and the first rows of CSV/TSV data as a list of {column: value} objects.

    Args:
        path: Path to a CSV/TSV file. Give either path or text, not both.
        text: CSV content as a string.
        delimiter: Field separator; sniffed when omitted. Use "\\t" for tab.
        rows: Number of data rows to return (1-500, default 10).
        has_header: Set false when the first row is data.
    """
    if not 1 <= rows <= 500:
        raise ValueError(f"rows must be between 1 and 500, got {rows}")
    info: dict = {}
    records: list[dict] = []
    for info, row in _read(path, text, delimiter, has_header):
        if row is None:
            continue
        if len(records) >= rows:
            break
        records.append({name: row[i] if i < len(row) else "" for i, name in enumerate(info["header"])})
    return {"delimiter": info["delimiter"], "columns": info["header"], "rows": records}


if __name__ == "__main__":
    mcp.run()
