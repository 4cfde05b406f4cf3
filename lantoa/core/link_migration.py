"""Data-migration helper: neutralise stored links that are not http(s) (see `core.validators`).

Before the one URL rule, the API and a few services stored any text as a link, so a row may hold
`javascript:…`, `data:…` or `vbscript:…`. The upgrade keeps the row and its other data, blanks
the link, and writes what was removed into the row's own note field when it has one, so staff can
see that a link was taken out and why. A required unique link (posts on outside channels) cannot
be blank twice: it becomes `https://lien-ket-da-go.invalid/<id>` (the `.invalid` top-level domain
never resolves, RFC 2606), with the removed text in the note field.

Frozen into migrations: change it only in ways that keep old migrations meaning the same.
"""

import re

# Anything a browser would not read as an http(s) address. Leading spaces, tabs inside the scheme
# and mixed case all fall here, because the stored text must start with the scheme itself.
_WEB = re.compile(r"https?://", re.IGNORECASE)
REMOVED_NOTE = "[Đường dẫn không an toàn đã được gỡ khi nâng cấp: {value}]"
INVALID_MARKER = "https://lien-ket-da-go.invalid/{pk}"


def is_hostile(value: str, *, emails_allowed: bool = False) -> bool:
    if emails_allowed and ":" not in value.split("@", 1)[0]:
        return False  # e-mail addresses, no scheme
    return bool(value) and not _WEB.match(value)


def neutralise_hostile_links(
    apps,
    model: str,
    field: str,
    *,
    note_field: str | None = None,
    unique: bool = False,
    emails_allowed: bool = False,
) -> int:
    """Blank (or mark, for a unique field) every hostile value of `model.field`; returns how
    many. `emails_allowed`: the field may also hold e-mail addresses (alert targets)."""
    Model = apps.get_model(model)
    changed = 0
    for row in Model._default_manager.exclude(**{field: ""}).iterator():
        value = getattr(row, field)
        if not is_hostile(value, emails_allowed=emails_allowed):
            continue
        setattr(row, field, INVALID_MARKER.format(pk=row.pk) if unique else "")
        fields = [field]
        if note_field:
            limit = Model._meta.get_field(note_field).max_length
            note = REMOVED_NOTE.format(value=value.encode("unicode_escape").decode("ascii"))
            text = " ".join(part for part in (getattr(row, note_field), note) if part)
            setattr(row, note_field, text[:limit] if limit else text)
            fields.append(note_field)
        values = {name: getattr(row, name) for name in fields}
        Model._default_manager.filter(pk=row.pk).update(**values)
        changed += 1
    return changed
