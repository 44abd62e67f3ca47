"""Tests for the unit-converter skill."""

from __future__ import annotations

import sys
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
SKILL_DIR = HERE.parent
sys.path.insert(0, str(SKILL_DIR.parent.parent / "resources" / "python"))
sys.path.insert(0, str(SKILL_DIR))
import skill  # noqa: E402



def result(value: float, source: str, target: str) -> float:
    return skill.convert(value, source, target)["result"]


class ConvertTest(unittest.TestCase):
    def test_length_mass_volume(self) -> None:
        self.assertAlmostEqual(result(1, "mi", "km"), 1.609344)
        self.assertAlmostEqual(result(12, "in", "ft"), 1.0)
        self.assertAlmostEqual(result(5, "feet", "m"), 1.524)
        self.assertAlmostEqual(result(1, "lb", "g"), 453.59237)
        self.assertAlmostEqual(result(16, "oz", "lb"), 1.0)
        self.assertAlmostEqual(result(1, "gal", "L"), 3.785411784)
        self.assertAlmostEqual(result(1, "UK gallon", "US gallon"), 1.200949926, places=8)
        self.assertAlmostEqual(result(2, "cups", "fl oz"), 16.0)
        self.assertAlmostEqual(result(1, "acre", "ft²"), 43560.0)

    def test_temperature(self) -> None:
        self.assertEqual(result(100, "C", "F"), 212.0)
        self.assertEqual(result(32, "°F", "°C"), 0.0)
        self.assertEqual(result(0, "K", "celsius"), -273.15)
        self.assertEqual(result(-40, "degF", "degC"), -40.0)
        self.assertAlmostEqual(result(491.67, "R", "K"), 273.15)
        with self.assertRaisesRegex(ValueError, "below absolute zero"):
            skill.convert(-300, "C", "K")

    def test_time_and_speed(self) -> None:
        self.assertEqual(result(90, "min", "h"), 1.5)
        self.assertEqual(result(1, "week", "hours"), 168.0)
        self.assertEqual(result(1, "yr", "d"), 365.25)
        self.assertEqual(result(36, "km/h", "m/s"), 10.0)
        self.assertAlmostEqual(result(60, "mph", "km/h"), 96.56064)
        self.assertAlmostEqual(result(1, "kn", "km/h"), 1.852)

    def test_data_sizes_si_vs_iec(self) -> None:
        self.assertEqual(result(1, "kB", "B"), 1000.0)
        self.assertEqual(result(1, "KiB", "B"), 1024.0)
        self.assertEqual(result(1, "GiB", "MiB"), 1024.0)
        self.assertEqual(result(1, "GiB", "MB"), 1073.741824)
        self.assertEqual(result(8, "bit", "B"), 1.0)
        self.assertEqual(result(100, "Mbit", "MB"), 12.5)
        self.assertEqual(result(1, "MB", "Mb"), 8.0)  # case distinguishes bytes from bits

    def test_result_shape_and_rounding(self) -> None:
        converted = skill.convert(0.1 + 0.2, "m", "cm")
        self.assertEqual(converted["result"], 30.0)
        self.assertEqual(
            skill.convert(2, "kilometres", "metres"),
            {"category": "length", "value": 2, "from_unit": "km", "to_unit": "m", "result": 2000.0,
             "formatted": "2 km = 2000 m"},
        )

    def test_aliases_and_normalisation(self) -> None:
        self.assertEqual(skill.convert(1, "µm", "nm")["from_unit"], "um")
        self.assertEqual(skill.convert(1, " Kilograms ", "g")["from_unit"], "kg")
        self.assertEqual(skill.convert(1, "sq ft", "m2")["from_unit"], "ft2")
        self.assertEqual(skill.convert(1, "degrees Fahrenheit", "K")["from_unit"], "F")

    def test_errors(self) -> None:
        with self.assertRaisesRegex(ValueError, r"cannot convert mass \(kg\) to length \(m\)"):
            skill.convert(1, "kg", "m")
        with self.assertRaisesRegex(ValueError, "unknown from_unit 'kilometr'; did you mean 'kilometre'"):
            skill.convert(1, "kilometr", "m")
        with self.assertRaisesRegex(ValueError, "unknown to_unit 'parsec'"):
            skill.convert(1, "m", "parsec")
        with self.assertRaisesRegex(ValueError, "'mb' is ambiguous: use 'MB' \\(megabyte\\) or 'Mbit'"):
            skill.convert(1, "mb", "B")
        with self.assertRaisesRegex(ValueError, "finite number"):
            skill.convert(float("inf"), "m", "km")
        with self.assertRaisesRegex(ValueError, "from_unit is empty"):
            skill.convert(1, " ", "km")


class ListUnitsTest(unittest.TestCase):
    def test_all_and_one_category(self) -> None:
        everything = skill.list_units()
        for category in ("length", "mass", "volume", "temperature", "time", "data", "speed"):
            self.assertIn(category, everything)
        data = skill.list_units("Data")
        self.assertEqual(list(data), ["data"])
        self.assertIn({"unit": "KiB", "name": "kibibyte", "aliases": []}, data["data"])

    def test_every_listed_unit_converts_to_itself(self) -> None:
        for category, units in skill.list_units().items():
            for unit in units:
                for spelling in [unit["unit"], unit["name"], *unit["aliases"]]:
                    with self.subTest(category=category, spelling=spelling):
                        self.assertEqual(skill.convert(1, spelling, unit["unit"])["to_unit"], unit["unit"])
                        self.assertAlmostEqual(result(3, spelling, unit["unit"]), 3.0)

    def test_unknown_category(self) -> None:
        with self.assertRaisesRegex(ValueError, "unknown category 'lenght'.*Did you mean length"):
            skill.list_units("lenght")


if __name__ == "__main__":
    unittest.main()
