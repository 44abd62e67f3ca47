"""Python type hints -> JSON Schema, shaped like the schemas pydantic emits for the MCP SDK.

Only the standard library is used, so the mapping covers the hints skills actually use:
scalars, containers, ``Optional``/unions, ``Literal``, ``Enum``, dataclasses, ``TypedDict``,
dates/UUIDs/paths and ``Annotated`` descriptions. Unknown classes map to ``{}`` (no constraint).
One deliberate difference from pydantic: nested enums/dataclasses are inlined instead of
being emitted as ``$defs`` + ``$ref``.
"""

from __future__ import annotations

import collections.abc as cabc
import dataclasses
import datetime
import decimal
import enum
import inspect
import pathlib
import types
import typing
import uuid
from typing import Any

NoneType = type(None)
EMPTY = inspect.Parameter.empty
UNION_TYPES = (typing.Union, types.UnionType)
ARRAY_ORIGINS = (list, cabc.Sequence, cabc.MutableSequence, cabc.Iterable, cabc.Collection)
SET_ORIGINS = (set, frozenset, cabc.Set, cabc.MutableSet)
MAP_ORIGINS = (dict, cabc.Mapping, cabc.MutableMapping)
_STRING_FORMATS: dict[type, str] = {
    datetime.datetime: "date-time",  # before date: datetime subclasses date
    datetime.date: "date",
    datetime.time: "time",
    datetime.timedelta: "duration",
    uuid.UUID: "uuid",
    pathlib.PurePath: "path",
}
_SCALARS: dict[type, dict[str, Any]] = {
    str: {"type": "string"},
    bool: {"type": "boolean"},
    int: {"type": "integer"},
    float: {"type": "number"},
    bytes: {"format": "binary", "type": "string"},
    NoneType: {"type": "null"},
}


def field_title(name: str) -> str:
    """pydantic's default title for a field: ``my_param`` -> ``My Param``."""
    return name.title().replace("_", " ").strip()


def unwrap_annotated(tp: Any) -> tuple[Any, dict[str, Any]]:
    """Strip ``Annotated[...]``; return the bare type and metadata (``description``/``title``).

    Metadata may be a plain string (taken as the description) or any object with
    ``description``/``title`` attributes (e.g. ``pydantic.Field(...)`` when pydantic exists).
    """
    meta: dict[str, Any] = {}
    while typing.get_origin(tp) is typing.Annotated:
        for item in tp.__metadata__:
            if isinstance(item, str):
                meta.setdefault("description", item)
            for key in ("title", "description"):
                value = getattr(item, key, None)
                if isinstance(value, str):
                    meta.setdefault(key, value)
        tp = tp.__origin__
    while hasattr(tp, "__supertype__"):  # typing.NewType
        tp = tp.__supertype__
    return tp, meta


def is_typeddict(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, dict) and hasattr(tp, "__required_keys__")


def _json_type(values: list[Any]) -> dict[str, Any]:
    """``{"type": ...}`` when all enum/literal values share one JSON type."""
    kinds = {bool: "boolean", int: "integer", float: "number", str: "string", NoneType: "null"}
    found = {kinds.get(type(v)) for v in values}
    return {"type": found.pop()} if len(found) == 1 and None not in found else {}


def enum_values(tp: type[enum.Enum]) -> list[Any]:
    return [m.value for m in tp]


def type_schema(tp: Any, _seen: frozenset = frozenset()) -> dict[str, Any]:
    """JSON Schema for one type hint (without a title)."""
    tp, meta = unwrap_annotated(tp)
    schema = _base_schema(tp, _seen)
    if "description" in meta:
        schema = {**schema, "description": meta["description"]}
    return schema


def _base_schema(tp: Any, seen: frozenset) -> dict[str, Any]:
    if tp is None:
        tp = NoneType
    if tp in (Any, object, EMPTY) or isinstance(tp, (typing.TypeVar, str)):
        return {}
    if isinstance(tp, type) and tp in _SCALARS:
        return dict(_SCALARS[tp])
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in UNION_TYPES:
        return {"anyOf": [type_schema(a, seen) for a in args]}
    if origin is typing.Literal:
        return {"enum": list(args), **_json_type(list(args))}
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        values = enum_values(tp)
        return {"enum": values, "title": tp.__name__, **_json_type(values)}
    if tp in (list, tuple, set, frozenset) or origin in ARRAY_ORIGINS + SET_ORIGINS:
        item = type_schema(args[0], seen) if args else {}
        schema = {"items": item, "type": "array"}
        if tp in (set, frozenset) or origin in SET_ORIGINS:
            schema["uniqueItems"] = True
        return schema
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return {"items": type_schema(args[0], seen), "type": "array"}
        if args == ((),):  # tuple[()]
            args = ()
        n = len(args)
        return {"maxItems": n, "minItems": n, "prefixItems": [type_schema(a, seen) for a in args], "type": "array"}
    if tp is dict or origin in MAP_ORIGINS:
        value = type_schema(args[1], seen) if len(args) == 2 else {}
        return {"additionalProperties": value or True, "type": "object"}
    if isinstance(tp, type):
        for cls, fmt in _STRING_FORMATS.items():
            if issubclass(tp, cls):
                return {"format": fmt, "type": "string"}
        if issubclass(tp, decimal.Decimal):
            return {"anyOf": [{"type": "number"}, {"type": "string"}]}
        if tp in seen:  # recursive structure: stop here
            return {}
        if is_typeddict(tp) or dataclasses.is_dataclass(tp):
            return object_schema(class_fields(tp), tp.__name__, seen | {tp})
        if hasattr(tp, "model_json_schema"):  # a pydantic model, if pydantic happens to be installed
            return tp.model_json_schema()
    return {}


def class_fields(tp: type) -> list[tuple[str, Any, Any]]:
    """(name, hint, default-or-EMPTY) for a dataclass or TypedDict."""
    hints = typing.get_type_hints(tp, include_extras=True)
    if is_typeddict(tp):
        required = tp.__required_keys__
        return [(n, h, EMPTY if n in required else None) for n, h in hints.items()]
    out = []
    for f in dataclasses.fields(tp):
        if not f.init:
            continue
        default = f.default
        if default is dataclasses.MISSING and f.default_factory is not dataclasses.MISSING:
            default = f.default_factory()
        out.append((f.name, hints.get(f.name, Any), EMPTY if default is dataclasses.MISSING else default))
    return out


def object_schema(fields: list[tuple[str, Any, Any]], title: str, _seen: frozenset = frozenset()) -> dict[str, Any]:
    """Object schema for named fields ``(name, hint, default-or-EMPTY)``, like a pydantic model."""
    from .content import to_jsonable  # local import: content imports this module

    properties: dict[str, Any] = {}
    required: list[str] = []
    for name, hint, default in fields:
        prop = type_schema(hint, _seen)
        prop["title"] = unwrap_annotated(hint)[1].get("title", field_title(name))
        if default is EMPTY:
            required.append(name)
        else:
            prop["default"] = to_jsonable(default)
        properties[name] = dict(sorted(prop.items()))
    schema: dict[str, Any] = {"properties": properties}
    if required:
        schema["required"] = required
    schema["title"] = title
    schema["type"] = "object"
    return schema


def output_schema(annotation: Any, func_name: str) -> tuple[dict[str, Any] | None, bool]:
    """Output schema for a return annotation, following the SDK's structured-output rules.

    Returns ``(schema, wrap)``: ``wrap`` means results are sent as ``{"result": value}``.
    Dicts, TypedDicts and dataclasses are objects already; primitives, lists, unions, etc.
    are wrapped; classes we cannot describe (and a missing annotation) give ``(None, False)``.
    """
    tp, _ = unwrap_annotated(annotation)
    if tp is EMPTY or isinstance(tp, str):
        return None, False
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if tp is dict or (origin in MAP_ORIGINS and (not args or args[0] is str)):
        return {**type_schema(tp), "title": f"{func_name}DictOutput"}, False
    if isinstance(tp, type) and (is_typeddict(tp) or dataclasses.is_dataclass(tp)):
        return object_schema(class_fields(tp), tp.__name__), False
    if isinstance(tp, type) and tp not in _SCALARS and not issubclass(tp, enum.Enum) and not type_schema(tp):
        return None, False  # an arbitrary class: not serializable as structured output
    wrapped = object_schema([("result", annotation, EMPTY)], f"{func_name}Output")
    return wrapped, True
