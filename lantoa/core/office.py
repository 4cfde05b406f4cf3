"""Core's part of `setup_office`: it ships no configuration file. The ward's name and province
are set on the first-run setup page (or by the LANTOA_OFFICE_* settings), units and staff come
from the XLSX templates there (`core/admin/setup_steps.py`)."""

from .selectors import office


def setup(*, log) -> None:
    current = office()
    log(f"core: {current.name}, {current.place} – {current.province}")
