"""Function introspection shared by tools, resources and prompts: parameters and their
resolved hints, the injected ``Context`` parameter, the input/output schemas, and argument
validation (including the SDK's "JSON inside a string" pre-parsing)."""

from __future__ import annotations

import functools
import inspect
import json
import typing
from typing import Any, Callable

from .schema import EMPTY, object_schema, output_schema, unwrap_annotated
from .validation import ArgumentError, Invalid, coerce


def callable_name(fn: Callable[..., Any]) -> str:
    """``fn.__name__``; for partials/callable objects, the underlying name."""
    if isinstance(fn, functools.partial):
        return callable_name(fn.func)
    return getattr(fn, "__name__", None) or type(fn).__name__


def clean_doc(fn: Callable[..., Any]) -> str:
    """The function's docstring, cleaned with ``inspect.cleandoc`` ("" when missing)."""
    doc = getattr(fn.func if isinstance(fn, functools.partial) else fn, "__doc__", None)
    return inspect.cleandoc(doc) if doc else ""


_ARGS_HEADERS = ("Args:", "Arguments:", "Parameters:")


def doc_arg_descriptions(doc: str) -> dict[str, str]:
    """Parameter descriptions from a Google-style ``Args:`` section of a cleaned docstring:
    ``name: text`` or ``name (type): text``, with more-indented lines continuing the text."""
    out: dict[str, str] = {}
    lines = doc.splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip() in _ARGS_HEADERS), None)
    if start is None:
        return out
    header_indent = len(lines[start]) - len(lines[start].lstrip())
    entry_indent: int | None = None
    current: str | None = None
    for line in lines[start + 1:]:
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        if indent <= header_indent:
            break  # the next section (Returns:, Raises:) or prose
        if entry_indent is None:
            entry_indent = indent
        text = line.strip()
        if indent == entry_indent and ":" in text:
            name, _, rest = text.partition(":")
            name = name.split("(")[0].strip().lstrip("*")
            if name.isidentifier():
                current = name
                out[name] = rest.strip()
                continue
        if current is not None and indent > entry_indent:
            out[current] = f"{out[current]} {text}".strip()
    return {name: text for name, text in out.items() if text}


def resolve_hints(fn: Callable[..., Any]) -> dict[str, Any]:
    """Type hints of ``fn`` with string annotations (``from __future__ import annotations``)
    evaluated. If one cannot be resolved, the others still are; it stays a string."""
    target = inspect.unwrap(fn.func if isinstance(fn, functools.partial) else fn)
    if not (inspect.isroutine(target) or inspect.isclass(target)):
        target = type(target).__call__
    try:
        return typing.get_type_hints(target, include_extras=True)
    except Exception:  # noqa: BLE001 - fall back to per-annotation evaluation
        pass
    globalns = getattr(target, "__globals__", {})
    hints = {}
    for name, ann in getattr(target, "__annotations__", {}).items():
        if isinstance(ann, str):
            try:
                ann = eval(ann, globalns)  # what get_type_hints does, one annotation at a time
            except Exception:  # noqa: BLE001
                pass
        hints[name] = ann
    return hints


def is_context_hint(hint: Any) -> bool:
    """True for ``Context``, ``Context[...]`` or an unresolvable ``"Context..."`` string."""
    from .context import Context

    hint, _ = unwrap_annotated(hint)
    if isinstance(hint, str):
        return hint.split("[")[0].split(".")[-1].strip() == "Context"
    hint = typing.get_origin(hint) or hint
    return isinstance(hint, type) and issubclass(hint, Context)


class FuncMetadata:
    """Everything the server needs to know about a registered function's signature."""

    def __init__(self, fn: Callable[..., Any], structured_output: bool | None = None):
        self.fn = fn
        self.name = callable_name(fn)
        hints = resolve_hints(fn)
        signature = inspect.signature(fn)
        self.context_param: str | None = None
        self.params: list[tuple[str, Any, Any]] = []  # (name, hint, default or EMPTY)
        for p in signature.parameters.values():
            if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
                continue
            hint = hints.get(p.name, p.annotation)
            if self.context_param is None and is_context_hint(hint):
                self.context_param = p.name
                continue
            self.params.append((p.name, hint, p.default))
        self.is_async = inspect.iscoroutinefunction(fn) or inspect.iscoroutinefunction(getattr(fn, "__call__", None))
        returns = hints.get("return", signature.return_annotation)
        self.return_hint = returns
        self.output_schema: dict[str, Any] | None = None
        self.wrap_output = False
        if structured_output is not False:
            self.output_schema, self.wrap_output = output_schema(returns, self.name)
            if structured_output and self.output_schema is None:
                raise ValueError(f"Function {self.name}: return type {returns!r} is not serializable for structured output")

    @property
    def required(self) -> list[str]:
        return [name for name, _, default in self.params if default is EMPTY]

    def input_schema(self) -> dict[str, Any]:
        schema = object_schema(self.params, f"{self.name}Arguments")
        # A docstring's "Args:" lines describe the fields for clients (and the Run form), unless
        # an Annotated Field(description=...) already does.
        documented = doc_arg_descriptions(clean_doc(self.fn))
        properties = schema.get("properties")
        if isinstance(properties, dict):
            for name, text in documented.items():
                prop = properties.get(name)
                if isinstance(prop, dict) and "description" not in prop:
                    prop["description"] = text
        return {"type": schema.pop("type"), **schema}

    def argument_info(self) -> list[dict[str, Any]]:
        """Prompt-style argument descriptions: ``name``, ``description`` (if any), ``required``."""
        out = []
        for name, hint, default in self.params:
            info: dict[str, Any] = {"name": name}
            description = unwrap_annotated(hint)[1].get("description")
            if description:
                info["description"] = description
            info["required"] = default is EMPTY
            out.append(info)
        return out

    def validate(self, arguments: dict[str, Any]) -> dict[str, Any]:
        """Coerce ``arguments`` to keyword arguments for the function or raise ArgumentError.

        Unknown keys are ignored (as pydantic does); a string given for a non-``str``
        parameter is tried as JSON first when it encodes an array, object or null.
        """
        kwargs: dict[str, Any] = {}
        errors: list[Invalid] = []
        for name, hint, default in self.params:
            if name not in arguments:
                if default is EMPTY:
                    errors.append(Invalid("Field required", loc=(name,)))
                continue
            value = arguments[name]
            try:
                kwargs[name] = self._coerce_one(value, hint)
            except Invalid as exc:
                errors.append(Invalid(exc.message, exc.value, (name, *exc.loc)))
        if errors:
            raise ArgumentError(f"{self.name}Arguments", errors)
        return kwargs

    def validate_result(self, data: Any) -> Any:
        """Check a return value, in its JSON form, against the return annotation (only when
        there is an output schema) and coerce it like pydantic's lax mode, so the
        ``structuredContent`` sent matches ``outputSchema``; raise ArgumentError if it cannot.

        The SDK validates results against its output model the same way; without this, a
        mistyped result reaches the client, whose SDK then rejects the whole call.
        """
        if self.output_schema is None:
            return data
        try:
            return coerce(data, self.return_hint)
        except Invalid as exc:
            loc = ("result", *exc.loc) if self.wrap_output else exc.loc
            raise ArgumentError(self.output_schema.get("title", f"{self.name}Output"),
                                [Invalid(exc.message, exc.value, loc)]) from None

    @staticmethod
    def _coerce_one(value: Any, hint: Any) -> Any:
        if isinstance(value, str) and unwrap_annotated(hint)[0] is not str:
            try:
                parsed = json.loads(value)
            except ValueError:
                parsed = value
            if isinstance(parsed, (list, dict)) or parsed is None:
                try:
                    return coerce(parsed, hint)
                except Invalid:
                    pass  # fall back to the original string
        return coerce(value, hint)

