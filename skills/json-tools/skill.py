# /// script
# requires-python = ">=3.10"
# ///
"""JSON utilities: query with a small path syntax, validate against a JSON Schema subset, pretty-print."""

from __future__ import annotations

import json
import re
from typing import Any

try:
    from mcp.server.fastmcp import FastMCP  # official MCP SDK, when installed
except ImportError:
    from skilldock_mcp import FastMCP  # stdlib kit shipped with SkillDock

INSTRUCTIONS = (
    "Work with JSON passed as strings. json_query extracts values with paths like items[0].name or items[*].id; "
    "json_validate checks a document against a JSON Schema and reports errors with JSON pointers; json_format "
    "pretty-prints, minifies or sorts keys."
)
mcp = FastMCP("json-tools", instructions=INSTRUCTIONS)

MAX_ERRORS = 100
_TOKEN = re.compile(
    r"""(?P<dot>\.)?(?P<name>[^.\[\]\s]+)
      | \[\s*(?P<index>-?\d+)\s*\]
      | \[\s*(?P<slice>-?\d*\s*:\s*-?\d*)\s*\]
      | \[\s*(?P<star>\*)\s*\]
      | \[\s*(?P<q>["'])(?P<key>(?:\\.|(?!(?P=q)).)*)(?P=q)\s*\]""",
    re.X,
)
_TYPES: dict[str, Any] = {  # order matters: the first match names a value's type in error messages
    "null": lambda v: v is None,
    "boolean": lambda v: isinstance(v, bool),
    "integer": lambda v: type(v) is int or (type(v) is float and v.is_integer()),
    "number": lambda v: type(v) in (int, float),
    "string": lambda v: isinstance(v, str),
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
}
_KEYWORDS = set(
    """type enum const minimum maximum exclusiveMinimum exclusiveMaximum multipleOf minLength maxLength pattern
    items minItems maxItems uniqueItems required properties additionalProperties minProperties maxProperties
    allOf anyOf oneOf not $ref $schema $id $comment title description default examples definitions $defs
    format readOnly writeOnly deprecated contentMediaType contentEncoding""".split()
)  # validated keywords followed by annotations, which never produce errors


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value (use null or a finite number)")


def _parse(text: str, label: str) -> Any:
    if not isinstance(text, str):
        raise ValueError(f"{label} must be a JSON string (serialise objects with JSON.stringify first)")
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        raise ValueError(f"{label} is not valid JSON: {exc.msg} at {where}") from None
    except ValueError as exc:
        raise ValueError(f"{label} is not valid JSON: {exc}") from None


def _pointer(parts: list[Any]) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def _tokens(path: str) -> list[tuple[str, Any]]:
    body = path.strip()
    body = body[1:] if body.startswith("$") else body
    tokens, pos = [], 0
    while pos < len(body):
        m = _TOKEN.match(body, pos)
        if not m or (m["name"] and not m["dot"] and pos > 0):
            raise ValueError(
                f"invalid path {path!r} near {body[pos:pos + 12]!r}: use dotted keys and brackets, "
                "e.g. items[0].name, items[*].id, items[-1], items[1:3] or [\"key with.dots\"]"
            )
        if m["name"]:
            tokens.append(("star", None) if m["name"] == "*" else ("key", m["name"]))
        elif m["index"] is not None:
            tokens.append(("index", int(m["index"])))
        elif m["slice"] is not None:
            start, end = (int(x) if x.strip() else None for x in m["slice"].split(":"))
            tokens.append(("slice", (start, end)))
        elif m["star"]:
            tokens.append(("star", None))
        else:
            tokens.append(("key", re.sub(r"\\(.)", r"\1", m["key"])))
        pos = m.end()
    return tokens


@mcp.tool()
def json_query(document: str, path: str) -> dict:
    """Extract values from a JSON document with a small path syntax.

    Args:
        document: The JSON text to query.
        path: Dotted/bracket path. Examples: "name", "items[0].name", "items[-1]", "items[*].id",
            "items[1:3]", "config.*" (all values of an object), '["key.with.dots"]'. "" or "$" is the root.

    Returns {"path", "count", "values", "pointers"}: matched values and their JSON pointers.
    A missing key or index raises an error on a plain path; wildcards and slices skip missing items.
    """
    current: list[tuple[list[Any], Any]] = [([], _parse(document, "document"))]
    definite = True
    for kind, arg in _tokens(path):
        nxt: list[tuple[list[Any], Any]] = []
        definite = definite and kind not in ("star", "slice")
        for parts, value in current:
            if kind in ("star", "slice"):
                if isinstance(value, dict) and kind == "star":
                    nxt += [(parts + [k], v) for k, v in value.items()]
                elif isinstance(value, list):
                    indexes = range(len(value))[slice(*arg)] if kind == "slice" else range(len(value))
                    nxt += [(parts + [i], value[i]) for i in indexes]
                continue
            index = int(arg) if kind == "index" or re.fullmatch(r"-?\d+", arg) else None
            if isinstance(value, list) and index is not None and -len(value) <= index < len(value):
                nxt.append((parts + [index % len(value)], value[index]))
            elif isinstance(value, dict) and str(arg) in value:
                nxt.append((parts + [str(arg)], value[str(arg)]))
            elif definite:
                where = _pointer(parts) or "the root"
                if isinstance(value, dict):
                    keys = ", ".join(list(value)[:20]) or "none"
                    raise ValueError(f"key {arg!r} not found at {where}; available keys: {keys}")
                if isinstance(value, list):
                    raise ValueError(f"no item {arg!r} at {where}: it is an array of {len(value)} items; "
                                     "use [0], [-1] or [*]")
                raise ValueError(f"cannot look up {arg!r} at {where}: the value there is {type(value).__name__}")
        current = nxt
    return {
        "path": path,
        "count": len(current),
        "values": [v for _, v in current],
        "pointers": [_pointer(p) for p, _ in current],
    }


def _same(a: Any, b: Any) -> bool:
    """JSON equality: 1 == 1.0 but true != 1."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if _TYPES["number"](a) and _TYPES["number"](b):
        return a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return type(a) is type(b) and a == b


_SIZES = {str: ("minLength", "maxLength", "characters"), list: ("minItems", "maxItems", "items"),
          dict: ("minProperties", "maxProperties", "properties")}
_BOUNDS = [("minimum", ">=", lambda v, b: v >= b), ("maximum", "<=", lambda v, b: v <= b),
           ("exclusiveMinimum", ">", lambda v, b: v > b), ("exclusiveMaximum", "<", lambda v, b: v < b)]
_COMBINERS = {"allOf": lambda n, total: n == total, "anyOf": lambda n, _: n > 0, "oneOf": lambda n, _: n == 1}


class _Validator:
    def __init__(self, root: Any) -> None:
        self.root = root
        self.errors: list[dict] = []
        self.ignored: set[str] = set()

    def error(self, parts: list[Any], keyword: str, message: str) -> None:
        if len(self.errors) < MAX_ERRORS:
            self.errors.append({"pointer": _pointer(parts), "keyword": keyword, "message": message})

    def resolve(self, ref: str) -> Any:
        if not ref.startswith("#"):
            raise ValueError(f"only local $ref values like '#/$defs/name' are supported, got {ref!r}")
        node = self.root
        for raw in [p for p in ref[1:].split("/") if p]:
            key = raw.replace("~1", "/").replace("~0", "~")
            try:
                node = node[int(key)] if isinstance(node, list) else node[key]
            except (KeyError, IndexError, ValueError, TypeError):
                raise ValueError(f"schema $ref {ref!r} does not resolve") from None
        return node

    def passes(self, value: Any, schema: Any, parts: list[Any]) -> bool:
        probe = _Validator(self.root)
        probe.check(value, schema, parts)
        self.ignored |= probe.ignored
        return not probe.errors

    def check(self, value: Any, s: Any, parts: list[Any]) -> None:
        if s is True:
            return
        if s is False:
            return self.error(parts, "false", "no value is allowed here")
        if not isinstance(s, dict):
            raise ValueError(f"schema for {_pointer(parts) or 'the root'} must be an object or boolean")
        if "$ref" in s:
            return self.check(value, self.resolve(s["$ref"]), parts)
        self.ignored |= set(s) - _KEYWORDS
        if "type" in s:
            kinds = [s["type"]] if isinstance(s["type"], str) else s["type"]
            unknown = [k for k in kinds if k not in _TYPES]
            if unknown:
                raise ValueError(f"unknown schema type {unknown[0]!r}; use one of: {', '.join(_TYPES)}")
            if not any(_TYPES[k](value) for k in kinds):
                got = next(k for k in _TYPES if _TYPES[k](value))
                return self.error(parts, "type", f"expected {' or '.join(kinds)}, got {got}")
        if "enum" in s and not any(_same(value, e) for e in s["enum"]):
            self.error(parts, "enum", f"value must be one of {json.dumps(s['enum'])}")
        if "const" in s and not _same(value, s["const"]):
            self.error(parts, "const", f"value must equal {json.dumps(s['const'])}")
        for key, ok in _COMBINERS.items():
            if key in s:
                passed = sum(self.passes(value, sub, parts) for sub in s[key])
                if not ok(passed, len(s[key])):
                    self.error(parts, key, f"value matches {passed} of {len(s[key])} {key} subschemas")
        if "not" in s and self.passes(value, s["not"], parts):
            self.error(parts, "not", "value must not match the 'not' subschema")
        if _TYPES["number"](value):
            for key, op, ok in _BOUNDS:
                if _TYPES["number"](s.get(key)) and not ok(value, s[key]):
                    self.error(parts, key, f"{value} must be {op} {s[key]}")
            step = s.get("multipleOf")
            if step and abs(value / step - round(value / step)) > 1e-9:
                self.error(parts, "multipleOf", f"{value} is not a multiple of {step}")
        if type(value) in _SIZES:
            low, high, noun = _SIZES[type(value)]
            if low in s and len(value) < s[low]:
                self.error(parts, low, f"has {len(value)} {noun}, minimum is {s[low]}")
            if high in s and len(value) > s[high]:
                self.error(parts, high, f"has {len(value)} {noun}, maximum is {s[high]}")
        if isinstance(value, str) and "pattern" in s:
            try:
                matched = re.search(s["pattern"], value)
            except re.error as exc:
                raise ValueError(f"schema pattern {s['pattern']!r} is not a valid regular expression: {exc}")
            if not matched:
                self.error(parts, "pattern", f"string does not match pattern {s['pattern']!r}")
        if isinstance(value, list):
            self.array(value, s, parts)
        if isinstance(value, dict):
            self.object(value, s, parts)

    def array(self, value: list, s: dict, parts: list[Any]) -> None:
        if s.get("uniqueItems"):
            for i, item in enumerate(value):
                if any(_same(item, other) for other in value[:i]):
                    self.error(parts + [i], "uniqueItems", "duplicate array item")
        items = s.get("items")
        if isinstance(items, list):  # tuple validation: one schema per position
            for i, (item, sub) in enumerate(zip(value, items)):
                self.check(item, sub, parts + [i])
        elif items is not None:
            for i, item in enumerate(value):
                self.check(item, items, parts + [i])

    def object(self, value: dict, s: dict, parts: list[Any]) -> None:
        for name in s.get("required", []):
            if name not in value:
                self.error(parts, "required", f"missing required property {name!r}")
        props, extra = s.get("properties", {}), s.get("additionalProperties", True)
        for key, item in value.items():
            if key in props:
                self.check(item, props[key], parts + [key])
            elif extra is False:
                self.error(parts + [key], "additionalProperties", f"property {key!r} is not allowed")
            elif isinstance(extra, dict):
                self.check(item, extra, parts + [key])


@mcp.tool()
def json_validate(document: str, schema: str) -> dict:
    """Validate a JSON document against a JSON Schema (practical subset) and list every violation.

    Args:
        document: The JSON text to check.
        schema: The JSON Schema as JSON text. Supported keywords: type, enum, const, required, properties,
            additionalProperties (false or a schema), items, minItems, maxItems, uniqueItems, minimum,
            maximum, exclusiveMinimum, exclusiveMaximum, multipleOf, minLength, maxLength, pattern,
            minProperties, maxProperties, allOf, anyOf, oneOf, not and local $ref ("#/$defs/x").

    Returns {"valid", "error_count", "errors": [{"pointer", "keyword", "message"}], "ignored_keywords"}.
    Pointers follow RFC 6901 ("" is the document root, "/items/0/id" an array element's key).
    """
    value, root = _parse(document, "document"), _parse(schema, "schema")
    validator = _Validator(root)
    validator.check(value, root, [])
    return {
        "valid": not validator.errors,
        "error_count": len(validator.errors),
        "errors": validator.errors,
        "ignored_keywords": sorted(validator.ignored),
    }


@mcp.tool()
def json_format(document: str, indent: int = 2, sort_keys: bool = False) -> str:
    """Pretty-print or minify a JSON document.

    Args:
        document: The JSON text to format.
        indent: Spaces per level (1-8, default 2); 0 produces compact single-line JSON.
        sort_keys: Sort object keys alphabetically (useful before diffing two documents).

    Returns the formatted JSON text. Non-ASCII characters are kept as-is, not escaped.
    """
    if not 0 <= indent <= 8:
        raise ValueError(f"indent must be between 0 and 8, got {indent}")
    compact = {"separators": (",", ":")} if indent == 0 else {"indent": indent}
    return json.dumps(_parse(document, "document"), sort_keys=sort_keys, ensure_ascii=False, **compact)


if __name__ == "__main__":
    mcp.run()
