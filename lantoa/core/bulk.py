"""Writing many rows at once where Django's own bulk helpers are slow.

`QuerySet.bulk_update` builds one `CASE WHEN id = … THEN …` expression per field and row; for a
few hundred rows Django spends far longer compiling it than the database spends running it (the
ingest pipeline's analyse stage spent most of its time there). `rows_update` sends one plain
parameterised UPDATE per row through a single `executemany`: the statement is prepared once.
`rows_insert` does the same for `bulk_create` of rows whose ids the caller does not need back
(Django compiles a placeholder expression per field and row: for the ingest's items that was a
third of the store stage).
"""

from collections.abc import Iterable, Sequence

from django.db import connections, router
from django.db.models import Model


def rows_update(model: type[Model], objs: Iterable[Model], fields: Sequence[str]) -> int:
    """Save `fields` of every object in `objs` (same semantics as `bulk_update`: no signals, no
    `save()`, no auto_now); returns the number of objects written."""
    attnames = [model._meta.get_field(name).attname for name in fields]
    return values_update(
        model, fields, [[getattr(obj, name) for name in attnames] + [obj.pk] for obj in objs]
    )


def values_update(model: type[Model], fields: Sequence[str], rows: Iterable[Sequence]) -> int:
    """`rows_update` for rows given as values, without model instances: each row holds the
    values of `fields` in that order, then the primary key. Returns the number of rows sent."""
    rows = list(rows)
    if not rows:
        return 0
    connection = connections[router.db_for_write(model)]
    meta = model._meta
    columns = [meta.get_field(name) for name in fields]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(f.column)} = %s" for f in columns)
    sql = f"UPDATE {quote(meta.db_table)} SET {assignments} WHERE {quote(meta.pk.column)} = %s"  # noqa: S608
    params = [
        [f.get_db_prep_save(value, connection) for f, value in zip(columns, row[:-1], strict=True)]
        + [row[-1]]
        for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)
    return len(rows)


def rows_insert(
    model: type[Model], objs: Iterable[Model], *, ignore_conflicts: bool = False
) -> int:
    """Insert every object of `objs` (concrete local fields, auto primary key left to the
    database; `pre_save` fills auto_now / auto_now_add on the objects as `bulk_create` does) in
    one `executemany`; returns the number of objects sent. No ids are set on the objects (read
    them back if needed). `ignore_conflicts`: a row that violates a unique constraint is skipped
    (ON CONFLICT DO NOTHING, SQLite and PostgreSQL). No signals, no `save()`."""
    objs = list(objs)
    if not objs:
        return 0
    connection = connections[router.db_for_write(model)]
    meta = model._meta
    fields = [f for f in meta.concrete_fields if not (f.primary_key and f.auto_created)]
    fields = [f for f in fields if f is not meta.auto_field]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608
    if ignore_conflicts:
        sql += " ON CONFLICT DO NOTHING"
    params = [
        [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields] for obj in objs
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)
    return len(objs)
