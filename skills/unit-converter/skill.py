# /// script
# requires-python = ">=3.10"
# ///
"""Exact unit conversion for length, area, volume, mass, temperature, time, speed, data size, pressure, energy."""

from __future__ import annotations

import difflib
import math
import re

try:
    from mcp.server.fastmcp import FastMCP  # official MCP SDK, when installed
except ImportError:
    from skilldock_mcp import FastMCP  # stdlib kit shipped with SkillDock

mcp = FastMCP(
    "unit-converter",
    instructions=(
        "Convert quantities between units with convert(value, from_unit, to_unit); call list_units to see the "
        "supported units and aliases. Data sizes distinguish SI (kB = 1000 B) from IEC (KiB = 1024 B)."
    ),
)

# category -> [(symbol, factor to the category's base unit, name, comma-separated aliases)]
UNITS: dict[str, list[tuple[str, float, str, str]]] = {
    "length": [  # base: metre
        ("nm", 1e-9, "nanometre", "nanometer"), ("um", 1e-6, "micrometre", "micrometer, micron"),
        ("mm", 1e-3, "millimetre", "millimeter"), ("cm", 1e-2, "centimetre", "centimeter"),
        ("m", 1.0, "metre", "meter"), ("km", 1e3, "kilometre", "kilometer"),
        ("in", 0.0254, "inch", "inches"), ("ft", 0.3048, "foot", "feet"), ("yd", 0.9144, "yard", ""),
        ("mi", 1609.344, "mile", "statute mile"), ("nmi", 1852.0, "nautical mile", "NM"),
    ],
    "area": [  # base: square metre
        ("mm2", 1e-6, "square millimetre", "sq mm"), ("cm2", 1e-4, "square centimetre", "sq cm"),
        ("m2", 1.0, "square metre", "square meter, sq m"), ("ha", 1e4, "hectare", ""),
        ("km2", 1e6, "square kilometre", "square kilometer, sq km"), ("in2", 6.4516e-4, "square inch", "sq in"),
        ("ft2", 0.09290304, "square foot", "square feet, sq ft"), ("yd2", 0.83612736, "square yard", "sq yd"),
        ("ac", 4046.8564224, "acre", ""), ("mi2", 2589988.110336, "square mile", "sq mi"),
    ],
    "volume": [  # base: litre
        ("ml", 1e-3, "millilitre", "milliliter, mL, cc, cm3"), ("cl", 1e-2, "centilitre", "centiliter"),
        ("dl", 0.1, "decilitre", "deciliter"), ("l", 1.0, "litre", "liter, L"),
        ("m3", 1e3, "cubic metre", "cubic meter"), ("tsp", 0.00492892159375, "US teaspoon", "teaspoon"),
        ("tbsp", 0.01478676478125, "US tablespoon", "tablespoon"),
        ("floz", 0.0295735295625, "US fluid ounce", "fl oz, fluid ounce"), ("cup", 0.2365882365, "US cup", ""),
        ("pt", 0.473176473, "US pint", "pint"), ("qt", 0.946352946, "US quart", "quart"),
        ("gal", 3.785411784, "US gallon", "gallon"), ("imp_pt", 0.56826125, "imperial pint", "UK pint"),
        ("imp_gal", 4.54609, "imperial gallon", "UK gallon"),
        ("ft3", 28.316846592, "cubic foot", "cubic feet, cu ft"), ("in3", 0.016387064, "cubic inch", "cu in"),
    ],
    "mass": [  # base: kilogram
        ("ug", 1e-9, "microgram", "mcg"), ("mg", 1e-6, "milligram", ""), ("g", 1e-3, "gram", "gramme"),
        ("kg", 1.0, "kilogram", "kilo, kilogramme"), ("t", 1e3, "tonne", "metric ton"),
        ("oz", 0.028349523125, "ounce", ""), ("lb", 0.45359237, "pound", "lbs"), ("st", 6.35029318, "stone", ""),
        ("short_ton", 907.18474, "US ton", "ton, short ton"),
        ("long_ton", 1016.0469088, "imperial ton", "long ton"),
    ],
    "temperature": [  # scale factor to kelvin; offsets are in _TEMPERATURE
        ("C", 1.0, "degree Celsius", "celsius, centigrade"), ("F", 5 / 9, "degree Fahrenheit", "fahrenheit"),
        ("K", 1.0, "kelvin", ""), ("R", 5 / 9, "degree Rankine", "rankine"),
    ],
    "time": [  # base: second
        ("ns", 1e-9, "nanosecond", ""), ("us", 1e-6, "microsecond", ""), ("ms", 1e-3, "millisecond", ""),
        ("s", 1.0, "second", "sec"), ("min", 60.0, "minute", ""), ("h", 3600.0, "hour", "hr"),
        ("d", 86400.0, "day", ""), ("wk", 604800.0, "week", ""), ("mo", 2629800.0, "month (1/12 year)", "month"),
        ("yr", 31557600.0, "year (365.25 days)", "year, y"),
    ],
    "speed": [  # base: metre per second
        ("m/s", 1.0, "metre per second", "mps, meters per second"),
        ("km/h", 1 / 3.6, "kilometre per hour", "kph, kmh, kilometers per hour"),
        ("mph", 0.44704, "mile per hour", "mi/h, miles per hour"), ("kn", 1852 / 3600, "knot", "kt"),
        ("ft/s", 0.3048, "foot per second", "fps"),
    ],
    "data": [  # base: byte; SI prefixes are powers of 1000, IEC (Ki, Mi, ...) powers of 1024
        ("bit", 0.125, "bit", "b"), ("B", 1.0, "byte", "octet"),
        ("kB", 1e3, "kilobyte", "KB"), ("MB", 1e6, "megabyte", ""), ("GB", 1e9, "gigabyte", ""),
        ("TB", 1e12, "terabyte", ""), ("PB", 1e15, "petabyte", ""),
        ("KiB", 1024.0, "kibibyte", ""), ("MiB", 1024.0**2, "mebibyte", ""), ("GiB", 1024.0**3, "gibibyte", ""),
        ("TiB", 1024.0**4, "tebibyte", ""), ("PiB", 1024.0**5, "pebibyte", ""),
        ("kbit", 125.0, "kilobit", "Kb"), ("Mbit", 1.25e5, "megabit", "Mb"), ("Gbit", 1.25e8, "gigabit", "Gb"),
    ],
    "pressure": [  # base: pascal
        ("Pa", 1.0, "pascal", ""), ("kPa", 1e3, "kilopascal", ""), ("MPa", 1e6, "megapascal", ""),
        ("hPa", 100.0, "hectopascal", "mbar, millibar"), ("bar", 1e5, "bar", ""),
        ("atm", 101325.0, "standard atmosphere", ""), ("psi", 6894.757293168361, "pound per square inch", ""),
        ("mmHg", 133.322387415, "millimetre of mercury", "torr"), ("inHg", 3386.389, "inch of mercury", ""),
    ],
    "energy": [  # base: joule
        ("J", 1.0, "joule", ""), ("kJ", 1e3, "kilojoule", ""), ("MJ", 1e6, "megajoule", ""),
        ("cal", 4.184, "calorie", ""), ("kcal", 4184.0, "kilocalorie", "Cal, food calorie"),
        ("Wh", 3600.0, "watt-hour", ""), ("kWh", 3.6e6, "kilowatt-hour", ""),
        ("BTU", 1055.05585262, "British thermal unit", ""), ("eV", 1.602176634e-19, "electronvolt", ""),
    ],
}
_TEMPERATURE = {"C": 273.15, "F": 459.67, "K": 0.0, "R": 0.0}  # offset added before scaling to kelvin


def _normalise(unit: str) -> str:
    """'°C' -> 'C', 'µm' -> 'um', 'ft²' -> 'ft2', 'fl oz' -> 'floz', 'degF' -> 'F'."""
    text = unit.strip().replace("µ", "u").replace("μ", "u").replace("²", "2").replace("³", "3")
    text = re.sub(r"^deg(?:rees?)?(?=\s*[A-Za-z])", "", text)
    return re.sub(r"[\s_\-°º^]|\(.*\)", "", text)


def _aliases(entry: tuple[str, float, str, str]) -> list[str]:
    return [a.strip() for a in entry[3].split(",") if a.strip()]


_EXACT: dict[str, tuple[str, str]] = {}
_DISPLAY: dict[str, str] = {}  # normalised key -> alias as written, for suggestions
_FOLDED: dict[str, set[tuple[str, str]]] = {}
for _category, _entries in UNITS.items():
    for _entry in _entries:
        for _alias in [_entry[0], _entry[2], *_aliases(_entry)]:
            _key = _normalise(_alias)
            _EXACT.setdefault(_key, (_category, _entry[0]))
            _DISPLAY.setdefault(_key, _alias)
            _FOLDED.setdefault(_key.casefold(), set()).add((_category, _entry[0]))


def _describe(category: str, symbol: str) -> str:
    return next(f"'{s}' ({n})" for s, _, n, _ in UNITS[category] if s == symbol)


def _lookup(unit: str, label: str) -> tuple[str, str]:
    if not isinstance(unit, str) or not unit.strip():
        raise ValueError(f"{label} is empty: pass a unit symbol or name such as 'km', 'lb' or 'GiB'")
    key = _normalise(unit)
    if key in _EXACT:
        return _EXACT[key]
    folded = key.casefold()
    for candidate in (folded, folded[:-1] if folded.endswith("s") and len(folded) > 2 else ""):
        matches = _FOLDED.get(candidate, set())
        if len(matches) == 1:
            return next(iter(matches))
        if len(matches) > 1:
            options = " or ".join(_describe(c, s) for c, s in sorted(matches))
            raise ValueError(f"{label} {unit!r} is ambiguous: use {options} (case matters)")
    close = difflib.get_close_matches(key, list(_EXACT), n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(repr(_DISPLAY[c]) for c in close)}?" if close else ""
    raise ValueError(f"unknown {label} {unit!r}{hint} Call list_units to see all supported units.")


def _round(value: float) -> float:
    return float(f"{value:.12g}")


@mcp.tool()
def convert(value: float, from_unit: str, to_unit: str) -> dict:
    """Convert a quantity from one unit to another (exact factors, 12 significant digits).

    Args:
        value: The amount to convert, e.g. 5.5.
        from_unit: Unit of value: symbol or name, e.g. "km", "miles", "°F", "lb", "GiB", "km/h", "kWh".
        to_unit: Target unit in the same category.

    Categories: length, area, volume (US and imperial), mass, temperature, time, speed, data (SI kB/MB = 1000
    vs IEC KiB/MiB = 1024; "b"/"Mb" are bits, "B"/"MB" bytes), pressure, energy.
    Returns {"category", "value", "from_unit", "to_unit", "result", "formatted"}.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"value must be a finite number, got {value!r}")
    source, target = _lookup(from_unit, "from_unit"), _lookup(to_unit, "to_unit")
    if source[0] != target[0]:
        raise ValueError(
            f"cannot convert {source[0]} ({source[1]}) to {target[0]} ({target[1]}): "
            "both units must measure the same kind of quantity"
        )
    category = source[0]
    factors = {s: f for s, f, _, _ in UNITS[category]}
    if category == "temperature":
        kelvin = (value + _TEMPERATURE[source[1]]) * factors[source[1]]
        if kelvin < -1e-9:
            raise ValueError(f"{value} {source[1]} is below absolute zero")
        result = round(kelvin / factors[target[1]] - _TEMPERATURE[target[1]], 9)  # drop offset float noise
    else:
        result = value * factors[source[1]] / factors[target[1]]
    result = _round(result)
    return {
        "category": category,
        "value": value,
        "from_unit": source[1],
        "to_unit": target[1],
        "result": result,
        "formatted": f"{value:g} {source[1]} = {result:.10g} {target[1]}",
    }


@mcp.tool()
def list_units(category: str | None = None) -> dict:
    """List supported units with their names and accepted aliases.

    Args:
        category: One of length, area, volume, mass, temperature, time, speed, data, pressure, energy;
            omit to list every category.
    """
    if category is not None and category.strip().lower() not in UNITS:
        close = difflib.get_close_matches(category.strip().lower(), list(UNITS), n=2)
        hint = f" Did you mean {' or '.join(close)}?" if close else ""
        raise ValueError(f"unknown category {category!r}; choose from {', '.join(UNITS)}.{hint}")
    chosen = [category.strip().lower()] if category else list(UNITS)
    return {
        name: [{"unit": e[0], "name": e[2], "aliases": _aliases(e)} for e in UNITS[name]]
        for name in chosen
    }


if __name__ == "__main__":
    mcp.run()
