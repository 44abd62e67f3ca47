"""The kit puts a docstring's Google-style ``Args:`` lines into each parameter's schema
``description``, so clients and SkillDock's Run form can say what a field is for.

Run from the repository root:  python3 -m unittest discover -s test/python -t test/python
"""

from __future__ import annotations

import sys
import unittest
from pathlib import Path
from typing import Annotated

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "resources" / "python"))

from skilldock_mcp import FastMCP  # noqa: E402
from skilldock_mcp.funcmeta import FuncMetadata, doc_arg_descriptions  # noqa: E402


def forecast(city: str, days: int = 3, units: str = "metric") -> str:
    """Weather for a city.

    Args:
        city: The city's name, e.g. "Lisbon". A country
            may follow after a comma.
        days (int): How many days ahead, 1 to 7.

    Returns:
        units: not a parameter description (this is the Returns section).
    """
    return city


def no_args(city: str) -> str:
    """Only prose; city is mentioned but there is no Args section."""
    return city


class DocstringArgsTests(unittest.TestCase):
    def test_args_become_property_descriptions(self) -> None:
        props = FuncMetadata(forecast).input_schema()["properties"]
        self.assertEqual(props["city"]["description"], 'The city\'s name, e.g. "Lisbon". A country may follow after a comma.')
        self.assertEqual(props["days"]["description"], "How many days ahead, 1 to 7.")
        self.assertNotIn("description", props["units"])

    def test_no_args_section_adds_nothing(self) -> None:
        props = FuncMetadata(no_args).input_schema()["properties"]
        self.assertNotIn("description", props["city"])
        self.assertEqual(doc_arg_descriptions(""), {})

    def test_an_annotated_description_wins(self) -> None:
        def tagged(city: Annotated[str, "From Annotated"]) -> str:
            """Args:
                city: From the docstring.
            """
            return city

        self.assertEqual(FuncMetadata(tagged).input_schema()["properties"]["city"]["description"], "From Annotated")

    def test_tools_list_carries_the_descriptions(self) -> None:
        mcp = FastMCP("doc-args")
        mcp.tool()(forecast)
        tool = next(t for t in mcp._tools.values() if t.name == "forecast")  # noqa: SLF001
        schema = tool.to_dict()["inputSchema"]
        self.assertEqual(schema["properties"]["days"]["description"], "How many days ahead, 1 to 7.")


if __name__ == "__main__":
    unittest.main()
