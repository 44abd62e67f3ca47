"""Conversions from Python return values to MCP content: JSON-safe values, tool
content blocks, prompt messages, plus the SDK-style ``Image`` and ``Message`` helpers."""

from __future__ import annotations

import base64
import dataclasses
import datetime
import enum
import json
import math
import pathlib
from typing import Any


def to_jsonable(value: Any, _depth: int = 0) -> Any:
    """Turn ``value`` into plain JSON data (like pydantic's ``to_json(..., fallback=str)``).

    NaN/infinity become ``None``; enums their value; dataclasses, mappings and sequences
    are converted recursively; dates use ISO format; anything else falls back to ``str()``.
    """
    if value is None or isinstance(value, (bool, int, str)):
        return value.value if isinstance(value, enum.Enum) else value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if _depth > 100:
        return str(value)
    nested = _depth + 1
    if isinstance(value, enum.Enum):
        return to_jsonable(value.value, nested)
    if isinstance(value, dict):
        return {str(to_jsonable(k, nested)): to_jsonable(v, nested) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [to_jsonable(v, nested) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name), nested) for f in dataclasses.fields(value)}
    if isinstance(value, (bytes, bytearray)):
        try:
            return bytes(value).decode("utf-8")
        except UnicodeDecodeError:
            return base64.b64encode(value).decode("ascii")
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return value.total_seconds()
    if hasattr(value, "model_dump"):  # pydantic model, if pydantic is installed
        return to_jsonable(value.model_dump(mode="json"), nested)
    return str(value)


def dumps_pretty(value: Any) -> str:
    """The text form of a non-string result: indented JSON, non-ASCII kept."""
    return json.dumps(to_jsonable(value), ensure_ascii=False, indent=2)


class Image:
    """An image returned from a tool (``Image(path=...)`` or ``Image(data=..., format="png")``)."""

    _MIME = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp"}

    def __init__(self, path: str | pathlib.Path | None = None, data: bytes | None = None, format: str | None = None):
        if (path is None) == (data is None):
            raise ValueError("Either path or data must be provided, but not both")
        self.path = pathlib.Path(path) if path is not None else None
        self.data = data
        self._format = format
        if self.path is not None:
            self._mime_type = self._MIME.get(self.path.suffix.lower(), "application/octet-stream")
        else:
            self._mime_type = f"image/{format.lower()}" if format else "image/png"

    def to_image_content(self) -> dict[str, Any]:
        raw = self.path.read_bytes() if self.path is not None else self.data
        return {"type": "image", "data": base64.b64encode(raw).decode("ascii"), "mimeType": self._mime_type}


def to_tool_content(value: Any) -> list[dict[str, Any]]:
    """Content blocks for a tool result: str -> text, None -> [], Image -> image, else JSON text."""
    if value is None:
        return []
    if isinstance(value, str):
        return [{"type": "text", "text": value}]
    if isinstance(value, Image):
        return [value.to_image_content()]
    if isinstance(value, (list, tuple)) and any(isinstance(v, Image) for v in value):
        return [block for item in value for block in to_tool_content(item)]
    return [{"type": "text", "text": dumps_pretty(value)}]


class Message:
    """A prompt message (``role`` is ``"user"`` or ``"assistant"``; content a str, Image or content dict)."""

    role = "user"

    def __init__(self, content: Any, role: str | None = None, **_ignored: Any):
        self.content = content
        if role is not None:
            self.role = role
        if self.role not in ("user", "assistant"):
            raise ValueError(f"invalid message role: {self.role!r}")

    def to_dict(self) -> dict[str, Any]:
        content = self.content
        if isinstance(content, str):
            content = {"type": "text", "text": content}
        elif isinstance(content, Image):
            content = content.to_image_content()
        elif hasattr(content, "model_dump"):
            content = content.model_dump(mode="json", exclude_none=True)
        elif not (isinstance(content, dict) and "type" in content):
            content = {"type": "text", "text": dumps_pretty(content)}
        return {"role": self.role, "content": content}


class UserMessage(Message):
    role = "user"


class AssistantMessage(Message):
    role = "assistant"


def to_prompt_messages(value: Any) -> list[dict[str, Any]]:
    """Messages for a prompt result: a str, a Message, a ``{"role", "content"}`` dict, or a list of those."""
    items = value if isinstance(value, (list, tuple)) else [value]
    messages = []
    for item in items:
        if isinstance(item, str):
            item = UserMessage(item)
        elif isinstance(item, dict) and "content" in item:
            item = Message(item["content"], item.get("role", "user"))
        elif not isinstance(item, Message) and hasattr(item, "role") and hasattr(item, "content"):
            item = Message(item.content, item.role)  # e.g. an SDK message object
        if not isinstance(item, Message):
            raise ValueError(f"Could not convert prompt result to message: {item!r}")
        messages.append(item.to_dict())
    return messages
