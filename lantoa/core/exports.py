"""Exports every app uses: spreadsheet cells that cannot run as formulas (CSV injection).

A CSV cell starting with = + - @, a tab or a carriage return is read by Excel and LibreOffice as a
formula (`=HYPERLINK(...)`, `=cmd|' /C calc'!A0`). Text from the web (monitored items, imported
posts, form input) must never reach a spreadsheet that way: `safe_cell` prefixes such text with
an apostrophe, which spreadsheet programs show as plain text. Numbers stay numbers.

Wagtail's own CSV export of ViewSets (list_export) goes through `safe_cell` too (patched in
`lantoa.core.security.apps`); its XLSX export already stores such cells as strings. Apps writing
CSV themselves use `safe_row` / `SafeCsvWriter`.
"""

import csv
import re
from typing import Any

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)*")


def safe_cell(value: Any) -> Any:
    """`value` unchanged unless it is text a spreadsheet would run as a formula."""
    if not isinstance(value, str) or not value.startswith(FORMULA_TRIGGERS):
        return value
    if _PLAIN_NUMBER.fullmatch(value):
        return value  # "-12" or "+84,5" is a number, not a formula
    return "'" + value


def safe_row(values):
    """A row (list or dict) with every cell passed through `safe_cell`."""
    if isinstance(values, dict):
        return {key: safe_cell(value) for key, value in values.items()}
    return [safe_cell(value) for value in values]


class SafeCsvWriter:
    """`csv.writer` whose rows are neutralised: `SafeCsvWriter(stream).writerow([...])`."""

    def __init__(self, stream, **kwargs):
        self._writer = csv.writer(stream, **kwargs)

    def writerow(self, row):
        return self._writer.writerow(safe_row(row))

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)
