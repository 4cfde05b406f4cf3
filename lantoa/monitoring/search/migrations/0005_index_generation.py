"""The index's generation (`IndexState`) and its last changes (`IndexChange`), which the search
page's per-process cache of newest matches checks (`newest_cache`). Deleting items changes the
index (trigger of 0003), so a second trigger records that change with the deleted ids: once per
statement on PostgreSQL (from a transition table; more than 1,000 ids are recorded as "any"),
once per row on SQLite (no statement triggers there). The first state row is made here, with a random token.
"""

import secrets

from django.db import migrations, models


KEPT_CHANGES = 1000
# The next generation follows the state row and the last change recorded (as
# services.index_changed does): a state row emptied without the log must not repeat a seq.
NEXT_SEQ = (
    "seq = CASE WHEN search_index_state.seq >= excluded.seq "
    "THEN search_index_state.seq + 1 ELSE excluded.seq END"
)

CREATE = {
    "sqlite": [
        "CREATE TRIGGER search_index_item_deleted AFTER DELETE ON monitoring_item BEGIN "
        "INSERT INTO search_index_state (id, seq, token) "
        "VALUES (1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM search_index_change), random()) "
        f"ON CONFLICT (id) DO UPDATE SET {NEXT_SEQ}, token = excluded.token; "
        "INSERT INTO search_index_change (seq, token, first_rowid, rewrite, rowids) "
        "SELECT seq, token, NULL, 1, CAST(old.id AS TEXT) FROM search_index_state WHERE id = 1; "
        "DELETE FROM search_index_change WHERE seq <= "
        f"(SELECT seq FROM search_index_state WHERE id = 1) - {KEPT_CHANGES}; "
        "END",
    ],
    "postgresql": [
        "CREATE OR REPLACE FUNCTION search_index_items_deleted() RETURNS trigger AS $$ "
        "DECLARE next_seq bigint; next_token bigint; gone_ids text; "
        "BEGIN "
        "IF NOT EXISTS (SELECT 1 FROM gone) THEN RETURN NULL; END IF; "
        "SELECT CASE WHEN count(*) <= 1000 THEN string_agg(id::text, ',') END INTO gone_ids "
        "FROM gone; "
        "next_token := floor(random() * 9007199254740991)::bigint; "
        "INSERT INTO search_index_state (id, seq, token) "
        "VALUES (1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM search_index_change), next_token) "
        f"ON CONFLICT (id) DO UPDATE SET {NEXT_SEQ}, "
        "token = EXCLUDED.token RETURNING seq INTO next_seq; "
        "INSERT INTO search_index_change (seq, token, first_rowid, rewrite, rowids) "
        "VALUES (next_seq, next_token, NULL, true, gone_ids); "
        f"DELETE FROM search_index_change WHERE seq <= next_seq - {KEPT_CHANGES}; "
        "RETURN NULL; END $$ LANGUAGE plpgsql",
        "CREATE TRIGGER search_index_items_deleted AFTER DELETE ON monitoring_item "
        "REFERENCING OLD TABLE AS gone "
        "FOR EACH STATEMENT EXECUTE FUNCTION search_index_items_deleted()",
    ],
}
DROP = {
    "sqlite": ["DROP TRIGGER IF EXISTS search_index_item_deleted"],
    "postgresql": [
        "DROP TRIGGER IF EXISTS search_index_items_deleted ON monitoring_item",
        "DROP FUNCTION IF EXISTS search_index_items_deleted()",
    ],
}


def create(apps, schema_editor):
    for statement in CREATE[schema_editor.connection.vendor]:
        schema_editor.execute(statement)
    token = secrets.randbits(62)
    schema_editor.execute(
        "INSERT INTO search_index_state (id, seq, token) VALUES (1, 1, %s)", [token]
    )
    schema_editor.execute(
        "INSERT INTO search_index_change (seq, token, first_rowid, rewrite, rowids) "
        "VALUES (1, %s, NULL, %s, NULL)",
        [token, True],
    )


def drop(apps, schema_editor):
    for statement in DROP[schema_editor.connection.vendor]:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0004_sqlite_facet_index"),
        ("monitoring", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="IndexChange",
            fields=[
                ("seq", models.BigIntegerField(primary_key=True, serialize=False)),
                ("token", models.BigIntegerField()),
                ("first_rowid", models.BigIntegerField(null=True)),
                ("rewrite", models.BooleanField()),
                ("rowids", models.TextField(null=True)),
            ],
            options={
                "verbose_name": "thay đổi chỉ mục tìm kiếm",
                "verbose_name_plural": "thay đổi chỉ mục tìm kiếm",
                "db_table": "search_index_change",
                "default_permissions": (),
            },
        ),
        migrations.CreateModel(
            name="IndexState",
            fields=[
                ("id", models.SmallIntegerField(primary_key=True, serialize=False)),
                ("seq", models.BigIntegerField()),
                ("token", models.BigIntegerField()),
            ],
            options={
                "verbose_name": "thế hệ chỉ mục tìm kiếm",
                "verbose_name_plural": "thế hệ chỉ mục tìm kiếm",
                "db_table": "search_index_state",
                "default_permissions": (),
            },
        ),
        migrations.RunPython(create, drop),
    ]
