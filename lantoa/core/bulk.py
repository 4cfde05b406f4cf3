"""Writing many rows at once where Django's own bulk helpers are slow.

`QuerySet.bulk_update` builds one `CASE WHEN id = … THEN …` expression per field and row; for a
few hundred rows Django spends far longer compiling it than the database spends running it (the
ingest pipeline's analyse stage spent most of its time there). `rows_update` sends one plain
parameterised UPDATE per row through a single `executemany`: the statement is prepared once.
"""

from collections.abc import Iterable, Sequence

from django.db import connections, router
from django.db.models import Model


def rows_update(model: type[Model], objs: Iterable[Model], fields: Sequence[str]) -> int:
    """Save `fields` of every object in `objs` (same semantics as `bulk_update`: no signals, no
    `save()`, no auto_now); returns the number of objects written."""
    objs = list(objs)
    if not objs:
        return 0
    connection = connections[router.db_for_write(model)]
    meta = model._meta
    columns = [meta.get_field(name) for name in fields]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(f.column)} = %s" for f in columns)
    sql = f"UPDATE {quote(meta.db_table)} SET {assignments} WHERE {quote(meta.pk.column)} = %s"  # noqa: S608
    params = [
        [f.get_db_prep_save(getattr(obj, f.attname), connection) for f in columns] + [obj.pk]
        for obj in objs
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)
    return len(objs)
