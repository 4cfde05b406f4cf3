"""Which sources a query's `source:` names."""

from __future__ import annotations

from lantoa.core.text import fold_lower, has_diacritics, nfc
from lantoa.monitoring.models import Source


def source_ids(text: str) -> list[int]:
    """Sources whose name contains `text` (accent-insensitive when typed without marks), or the
    source with that id."""
    if text.isdigit():
        return [int(text)]
    exact = has_diacritics(text)
    wanted = nfc(text).casefold() if exact else fold_lower(text)
    ids = []
    for source_id, name in Source.objects.values_list("id", "name"):
        name = nfc(name).casefold() if exact else fold_lower(name)
        if wanted in name:
            ids.append(source_id)
    return ids
