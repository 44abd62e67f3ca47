"""Validate and coerce JSON arguments against type hints (a small, lax, pydantic-like subset).

Rules: exact types pass; ints are accepted for floats; numeric strings are parsed for
int/float; ``"true"``/``"false"`` etc. for bool; ISO strings for dates; lists for tuples
and sets; dicts build dataclasses/TypedDicts. Strings are never built from numbers, and
bools are not numbers (as in pydantic). Unknown classes accept any value unchanged.
"""

from __future__ import annotations

import dataclasses
import datetime
import decimal
import enum
import pathlib
import typing
import uuid
from typing import Any

from .schema import (
    ARRAY_ORIGINS, EMPTY, MAP_ORIGINS, SET_ORIGINS, UNION_TYPES, NoneType,
    class_fields, enum_values, is_typeddict, unwrap_annotated,
)

_TRUE = {"true", "1", "yes", "on", "t", "y"}
_FALSE = {"false", "0", "no", "off", "f", "n"}


class Invalid(Exception):
    """One validation failure at a location (a tuple of keys/indexes)."""

    def __init__(self, message: str, value: Any = EMPTY, loc: tuple = ()):
        super().__init__(message)
        self.message, self.value, self.loc = message, value, loc

    def describe(self) -> str:
        loc = ".".join(str(p) for p in self.loc)
        if self.value is EMPTY:
            return f"{loc}\n  {self.message}"
        shown = repr(self.value)
        shown = shown if len(shown) <= 60 else shown[:57] + "..."
        return f"{loc}\n  {self.message} [input_value={shown}, input_type={type(self.value).__name__}]"


class ArgumentError(ValueError):
    """All validation failures for one call, formatted like pydantic's ValidationError."""

    def __init__(self, title: str, errors: list[Invalid]):
        self.title, self.errors = title, errors
        n = len(errors)
        lines = [f"{n} validation error{'s' if n != 1 else ''} for {title}"]
        lines += [e.describe() for e in errors]
        super().__init__("\n".join(lines))


def coerce(value: Any, tp: Any, strict: bool = False) -> Any:
    """Return ``value`` converted to ``tp`` or raise :class:`Invalid`."""
    tp, _ = unwrap_annotated(tp)
    if tp is None:
        tp = NoneType
    if tp in (Any, object, EMPTY) or isinstance(tp, (typing.TypeVar, str)):
        return value
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in UNION_TYPES:
        for strict_pass in (True, False):  # prefer an exact match, then a lax one
            for member in args:
                try:
                    return coerce(value, member, strict_pass)
                except Invalid:
                    pass
        names = ", ".join(getattr(a, "__name__", str(a)) for a in args)
        raise Invalid(f"Input should match one of: {names}", value)
    if origin is typing.Literal:
        for allowed in args:
            if value == allowed and type(value) is type(allowed):
                return allowed
        raise Invalid("Input should be " + " or ".join(repr(a) for a in args), value)
    if isinstance(tp, type) and tp in _SCALAR_COERCERS:
        return _SCALAR_COERCERS[tp](value, strict)
    if tp in (list, tuple, set, frozenset) or origin in ARRAY_ORIGINS + SET_ORIGINS + (tuple,):
        return _coerce_sequence(value, tp, origin, args, strict)
    if tp is dict or origin in MAP_ORIGINS:
        return _coerce_mapping(value, args, strict)
    if isinstance(tp, type):
        return _coerce_class(value, tp, strict)
    return value


def _coerce_sequence(value: Any, tp: Any, origin: Any, args: tuple, strict: bool) -> Any:
    if not isinstance(value, (list, tuple)):
        raise Invalid("Input should be a valid array", value)
    kind = origin or tp
    if kind is tuple and args and not (len(args) == 2 and args[1] is Ellipsis):
        if args == ((),):
            args = ()
        if len(value) != len(args):
            raise Invalid(f"Tuple should have {len(args)} items", value)
        return tuple(_at(i, v, a, strict) for i, (v, a) in enumerate(zip(value, args)))
    item_tp = args[0] if args else Any
    items = [_at(i, v, item_tp, strict) for i, v in enumerate(value)]
    if tp in (set, frozenset) or origin in SET_ORIGINS:
        return frozenset(items) if kind is frozenset else set(items)
    return tuple(items) if kind is tuple else items


def _coerce_mapping(value: Any, args: tuple, strict: bool) -> dict:
    if not isinstance(value, dict):
        raise Invalid("Input should be a valid dictionary", value)
    key_tp, val_tp = args if len(args) == 2 else (Any, Any)
    return {_at(k, k, key_tp, strict): _at(k, v, val_tp, strict) for k, v in value.items()}


def _coerce_class(value: Any, tp: type, strict: bool) -> Any:
    if issubclass(tp, enum.Enum):
        if isinstance(value, tp):
            return value
        for member in tp:
            if member.value == value and type(member.value) is type(value):
                return member
            if not strict and isinstance(value, str) and str(member.value) == value:
                return member
        raise Invalid("Input should be " + " or ".join(repr(v) for v in enum_values(tp)), value)
    if is_typeddict(tp) or dataclasses.is_dataclass(tp):
        if dataclasses.is_dataclass(tp) and isinstance(value, tp):
            return value
        if not isinstance(value, dict):
            raise Invalid("Input should be a valid dictionary or object", value)
        fields = class_fields(tp)
        out = {}
        for name, hint, default in fields:
            if name in value:
                out[name] = _at(name, value[name], hint, strict)
            elif default is EMPTY:
                raise Invalid("Field required", loc=(name,))
        return out if is_typeddict(tp) else tp(**out)
    for cls, parse in _STRING_PARSERS:
        if issubclass(tp, cls):
            if isinstance(value, tp):
                return value
            if isinstance(value, str) and not strict:
                try:
                    return parse(tp, value)
                except (ValueError, decimal.InvalidOperation):
                    pass
            if cls is decimal.Decimal and isinstance(value, (int, float)) and not isinstance(value, bool):
                return tp(str(value))
            raise Invalid(f"Input should be a valid {tp.__name__}", value)
    if hasattr(tp, "model_validate"):  # pydantic model, if pydantic is installed
        try:
            return tp.model_validate(value)
        except Exception as exc:  # noqa: BLE001 - report any model error as invalid input
            raise Invalid(str(exc), value) from None
    return value


def _at(key: Any, value: Any, tp: Any, strict: bool) -> Any:
    """Coerce a nested value, prefixing its location to any error."""
    try:
        return coerce(value, tp, strict)
    except Invalid as exc:
        raise Invalid(exc.message, exc.value, (key, *exc.loc)) from None


def _str(value: Any, strict: bool) -> str:
    if isinstance(value, str):
        return value
    raise Invalid("Input should be a valid string", value)


def _bool(value: Any, strict: bool) -> bool:
    if isinstance(value, bool):
        return value
    if not strict:
        if isinstance(value, int) and value in (0, 1):
            return bool(value)
        if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
            return value.strip().lower() in _TRUE
    raise Invalid("Input should be a valid boolean", value)


def _int(value: Any, strict: bool) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if not strict:
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str):
            try:
                return int(value.strip())
            except ValueError:
                pass
    raise Invalid("Input should be a valid integer", value)


def _float(value: Any, strict: bool) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str) and not strict:
        try:
            return float(value.strip())
        except ValueError:
            pass
    raise Invalid("Input should be a valid number", value)


def _bytes(value: Any, strict: bool) -> bytes:
    if isinstance(value, bytes):
        return value
    if isinstance(value, str):
        return value.encode("utf-8")
    raise Invalid("Input should be a valid string", value)


def _none(value: Any, strict: bool) -> None:
    if value is None:
        return None
    raise Invalid("Input should be None", value)


_SCALAR_COERCERS = {str: _str, bool: _bool, int: _int, float: _float, bytes: _bytes, NoneType: _none}
_STRING_PARSERS: list[tuple[type, Any]] = [
    (datetime.datetime, lambda tp, s: tp.fromisoformat(s)),
    (datetime.date, lambda tp, s: tp.fromisoformat(s)),
    (datetime.time, lambda tp, s: tp.fromisoformat(s)),
    (uuid.UUID, lambda tp, s: tp(s)),
    (pathlib.PurePath, lambda tp, s: tp(s)),
    (decimal.Decimal, lambda tp, s: tp(s)),
]
