# /// script
# requires-python = ">=3.10"
# ///
"""Read-only access to SQLite database files: list tables, describe schemas, run SELECT queries."""

from __future__ import annotations

import difflib
import re
import sqlite3
import time
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Iterator
from urllib.parse import quote

try:
    from mcp.server.fastmcp import FastMCP  # official MCP SDK, when installed
except ImportError:
    from skilldock_mcp import FastMCP  # stdlib kit shipped with SkillDock

mcp = FastMCP(
    "sqlite-reader",
    instructions=(
        "Explore SQLite files without modifying them. Start with list_tables, then describe_table, then query "
        "with a single SELECT/WITH statement and ? placeholders for values. Writes are always refused."
    ),
)

QUERY_SECONDS = 10.0
MAX_LIMIT = 10000
ALLOWED_STARTS = ("SELECT", "WITH", "EXPLAIN", "PRAGMA", "VALUES")
# Pragmas that only read, even when given an argument such as table_info(users).
READ_PRAGMAS = frozenset(
    """table_info table_xinfo table_list index_list index_info index_xinfo foreign_key_list foreign_key_check
    integrity_check quick_check database_list collation_list function_list module_list pragma_list
    compile_options user_version schema_version application_id page_count page_size freelist_count encoding
    data_version journal_mode foreign_keys auto_vacuum""".split()
)
PRAGMAS_WITH_ARGUMENT = frozenset(
    """table_info table_xinfo table_list index_list index_info index_xinfo foreign_key_list foreign_key_check
    integrity_check quick_check""".split()
)
_ALLOWED_ACTIONS = {
    sqlite3.SQLITE_SELECT,
    sqlite3.SQLITE_READ,
    getattr(sqlite3, "SQLITE_FUNCTION", 31),
    getattr(sqlite3, "SQLITE_RECURSIVE", 33),
}


def _authorizer(action: int, arg1: str | None, arg2: str | None, _db: str | None, _src: str | None) -> int:
    """Second line of defence after mode=ro and query_only: only reads reach the engine."""
    if action in _ALLOWED_ACTIONS:
        return sqlite3.SQLITE_OK
    if action == sqlite3.SQLITE_PRAGMA and arg1:
        name = arg1.lower()
        if name in PRAGMAS_WITH_ARGUMENT or (arg2 is None and name in READ_PRAGMAS):
            return sqlite3.SQLITE_OK
    return sqlite3.SQLITE_DENY


def _connect(path: str) -> sqlite3.Connection:
    if not isinstance(path, str) or not path.strip():
        raise ValueError("path is required: the SQLite file to read, or \":memory:\" for a scratch database")
    if path == ":memory:":
        conn = sqlite3.connect(":memory:")
    else:
        file = Path(path).expanduser().resolve()
        if not file.exists():
            raise ValueError(f"database file not found: {file} (check the path; nothing is ever created)")
        if not file.is_file():
            raise ValueError(f"not a file: {file}")
        with open(file, "rb") as handle:
            header = handle.read(16)
        if header and header != b"SQLite format 3\x00":
            raise ValueError(f"{file} is not a SQLite 3 database (wrong file header)")
        conn = sqlite3.connect(f"file:{quote(file.as_posix(), safe='/:')}?mode=ro", uri=True)
    conn.isolation_level = None
    conn.execute("PRAGMA query_only = ON")
    conn.set_authorizer(_authorizer)
    deadline = time.monotonic() + QUERY_SECONDS
    conn.set_progress_handler(lambda: int(time.monotonic() > deadline), 10000)
    return conn


def _mask(sql: str) -> str:
    """Replace string literals, quoted identifiers and comments with spaces, keeping offsets."""
    pattern = r"'(?:[^']|'')*'?|\"(?:[^\"]|\"\")*\"?|`[^`]*`?|\[[^\]]*\]?|--[^\n]*|/\*.*?(?:\*/|$)"
    return re.sub(pattern, lambda m: " " * len(m.group()), sql, flags=re.S)


def _check_sql(sql: str) -> str:
    text = sql.strip()
    if not text:
        raise ValueError("sql is empty: pass one SELECT statement")
    if not sqlite3.complete_statement(text + "\n;"):
        raise ValueError("sql is incomplete: check for an unclosed quote, comment or parenthesis")
    masked = _mask(text).rstrip().rstrip(";")
    if ";" in masked:
        raise ValueError("only a single statement is allowed; remove everything after the first ';'")
    first = masked.split(None, 1)[0].upper() if masked.strip() else ""
    if first not in ALLOWED_STARTS:
        raise ValueError(
            f"read-only: {first or 'this'} statements are not allowed; use SELECT, WITH ... SELECT, "
            "EXPLAIN, VALUES or a reading PRAGMA such as PRAGMA table_info(name)"
        )
    if first == "PRAGMA" and "=" in masked:
        raise ValueError("read-only: PRAGMA assignments are not allowed")
    return text


def _value(value: object) -> object:
    if isinstance(value, bytes):
        return {"blob_bytes": len(value), "hex_prefix": value[:32].hex()}
    if isinstance(value, float) and value in (float("inf"), float("-inf")):
        return str(value)
    return value


@contextmanager
def _database(path: str) -> Iterator[sqlite3.Connection]:
    """Open read-only, always close, and turn SQLite errors into actionable ValueErrors."""
    try:
        with closing(_connect(path)) as conn:
            yield conn
    except sqlite3.DatabaseError as exc:
        message = str(exc)
        if "interrupted" in message:
            raise ValueError(f"query ran over {QUERY_SECONDS:g} s; add a WHERE clause or a LIMIT") from None
        if "not authorized" in message or "readonly" in message or "read-only" in message:
            raise ValueError(
                "read-only: the statement was blocked because it could modify the database or its connection "
                "(writes, ATTACH, setting pragmas and pragma_*() table functions are refused; "
                "use PRAGMA table_info(name) to read a schema)"
            ) from None
        if "file is not a database" in message:
            raise ValueError("the file is not a SQLite database or is encrypted") from None
        raise ValueError(f"SQLite error: {message}") from None


def _quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _tables(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    sql = "SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'"
    return conn.execute(sql + " ORDER BY name").fetchall()


@mcp.tool()
def list_tables(path: str) -> dict:
    """List the tables and views in a SQLite database file, with row counts for tables.

    Args:
        path: Path to the .db/.sqlite file (absolute or ~/...). ":memory:" opens an empty scratch database.
    """
    with _database(path) as conn:
        tables = []
        for name, kind in _tables(conn):
            entry: dict = {"name": name, "type": kind}
            if kind == "table":
                entry["rows"] = conn.execute(f"SELECT count(*) FROM {_quote_ident(name)}").fetchone()[0]
            tables.append(entry)
        return {"path": path, "count": len(tables), "tables": tables}


@mcp.tool()
def describe_table(path: str, table: str, sample_rows: int = 3) -> dict:
    """Describe one table or view: columns (type, nullability, default, primary key), indexes, foreign keys,
    the CREATE statement, the row count and a few sample rows.

    Args:
        path: Path to the SQLite file.
        table: Table or view name, exactly as returned by list_tables (case-insensitive).
        sample_rows: How many example rows to include (0-20, default 3).
    """
    if not 0 <= sample_rows <= 20:
        raise ValueError(f"sample_rows must be between 0 and 20, got {sample_rows}")
    with _database(path) as conn:
        names = {name.lower(): (name, kind) for name, kind in _tables(conn)}
        if table.lower() not in names:
            close = difflib.get_close_matches(table.lower(), list(names), n=3)
            hint = f"; did you mean {', '.join(names[c][0] for c in close)}?" if close else ""
            available = ", ".join(n for n, _ in names.values()) or "none"
            raise ValueError(f"no table or view named {table!r}{hint} (available: {available})")
        name, kind = names[table.lower()]

        def run(pragma: str, arg: str) -> list[tuple]:
            return conn.execute(f"PRAGMA {pragma}({_quote_ident(arg)})").fetchall()

        columns = [
            {"name": r[1], "type": r[2], "not_null": bool(r[3]), "default": r[4], "primary_key": r[5]}
            for r in run("table_info", name)
        ]
        indexes = [
            {"name": r[1], "unique": bool(r[2]), "columns": [c[2] for c in run("index_info", r[1])]}
            for r in run("index_list", name)
        ]
        foreign_keys = [
            {"column": r[3], "references": f"{r[2]}({r[4]})" if r[4] else r[2], "on_delete": r[6]}
            for r in run("foreign_key_list", name)
        ]
        create = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", [name]).fetchone()[0]
        rows = conn.execute(f"SELECT count(*) FROM {_quote_ident(name)}").fetchone()[0]
        sample = conn.execute(f"SELECT * FROM {_quote_ident(name)} LIMIT ?", [sample_rows])
        return {
            "name": name,
            "type": kind,
            "rows": rows,
            "columns": columns,
            "indexes": indexes,
            "foreign_keys": foreign_keys,
            "sql": create,
            "sample": [[_value(v) for v in row] for row in sample.fetchall()],
        }


@mcp.tool()
def query(path: str, sql: str, params: list | None = None, limit: int = 200) -> dict:
    """Run one read-only SQL statement (SELECT, WITH ... SELECT, EXPLAIN, VALUES or a reading PRAGMA).

    Args:
        path: Path to the SQLite file, or ":memory:" to evaluate expressions such as SELECT date('now').
        sql: A single statement. Use ? placeholders for values instead of pasting them into the SQL.
        params: Values for the ? placeholders, in order, e.g. ["Oslo", 2024].
        limit: Maximum rows to return (1-10000, default 200); "truncated" is true when more rows exist.

    Returns {"columns", "rows" (list of lists), "row_count", "truncated"}. BLOBs are returned as
    {"blob_bytes", "hex_prefix"}. INSERT/UPDATE/DELETE/DDL, ATTACH and multiple statements are refused.
    """
    if not 1 <= limit <= MAX_LIMIT:
        raise ValueError(f"limit must be between 1 and {MAX_LIMIT}, got {limit}")
    if params is not None and not isinstance(params, (list, tuple)):
        raise ValueError("params must be a list of values for the ? placeholders, e.g. [42, \"abc\"]")
    text = _check_sql(sql)
    with _database(path) as conn:
        cursor = conn.execute(text, list(params or []))
        fetched = cursor.fetchmany(limit + 1)
        columns = [d[0] for d in cursor.description or []]
        rows = [[_value(v) for v in row] for row in fetched[:limit]]
        return {"columns": columns, "rows": rows, "row_count": len(rows), "truncated": len(fetched) > limit}


if __name__ == "__main__":
    mcp.run()
