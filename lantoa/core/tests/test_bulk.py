"""rows_update: one executemany that writes the same values bulk_update would."""

from datetime import timedelta

import pytest
from django.utils import timezone

from lantoa.core.bulk import rows_update, values_update
from lantoa.monitoring.models import Story


@pytest.mark.django_db
def test_rows_update_writes_each_rows_own_values_and_nothing_else():
    moment = timezone.now()
    stories = [
        Story.objects.create(title=f"Chuỗi {n}", first_seen_at=moment, last_seen_at=moment)
        for n in range(3)
    ]
    stories[0].item_count, stories[0].foreign_at = 7, moment
    stories[1].item_count, stories[1].title = 2, "không được ghi"
    assert rows_update(Story, stories[:2], ["item_count", "foreign_at"]) == 2
    assert rows_update(Story, [], ["item_count"]) == 0
    rows = {s.pk: s for s in Story.objects.all()}
    assert (rows[stories[0].pk].item_count, rows[stories[0].pk].foreign_at) == (7, moment)
    assert (rows[stories[1].pk].item_count, rows[stories[1].pk].foreign_at) == (2, None)
    assert rows[stories[1].pk].title == "Chuỗi 1"  # a field not named is left alone
    assert rows[stories[2].pk].item_count == stories[2].item_count


@pytest.mark.django_db
def test_rows_insert_stores_every_field_fills_auto_now_and_can_skip_conflicts():
    from lantoa.core.bulk import rows_insert
    from lantoa.monitoring.models import Item, Source

    source = Source.objects.create(name="Nguồn", kind="feed", outlet_type="x")
    moment = timezone.now()
    rows = [
        Item(source=source, url=f"https://a.example/{n}", url_hash=f"h{n}", title=f"Tin {n}",
             summary="tóm tắt", language="vi", published_at=moment, minhash=b"\x00\x01")
        for n in range(3)
    ]  # fmt: skip
    assert rows_insert(Item, rows) == 3
    assert all(row.fetched_at is not None for row in rows)  # auto_now_add, as bulk_create
    stored = {i.url_hash: i for i in Item.objects.all()}
    assert set(stored) == {"h0", "h1", "h2"}
    assert (stored["h1"].title, stored["h1"].source_id, stored["h1"].published_at) == (
        "Tin 1", source.pk, moment
    )  # fmt: skip
    assert bytes(stored["h2"].minhash) == b"\x00\x01"
    again = [
        Item(source=source, url="https://a.example/x", url_hash="h1", title="Bản sao"),
        Item(source=source, url="https://a.example/4", url_hash="h4", title="Tin 4"),
    ]
    assert rows_insert(Item, again, ignore_conflicts=True) == 2
    assert Item.objects.get(url_hash="h1").title == "Tin 1"  # the conflicting row was skipped
    assert Item.objects.filter(url_hash="h4").exists()
    assert rows_insert(Item, []) == 0


@pytest.mark.django_db
def test_values_update_writes_rows_given_as_values_without_instances():
    moment = timezone.now()
    first, second = (
        Story.objects.create(title=f"Chuỗi {n}", first_seen_at=moment, last_seen_at=moment)
        for n in range(2)
    )
    later = moment + timedelta(hours=3)
    fields = ["item_count", "last_seen_at", "foreign_at"]
    assert values_update(Story, fields, [(5, later, later, first.pk)]) == 1
    assert values_update(Story, fields, []) == 0
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.item_count, first.last_seen_at, first.foreign_at) == (5, later, later)
    assert (first.title, first.first_seen_at) == ("Chuỗi 0", moment)  # fields not named
    assert (second.item_count, second.last_seen_at, second.foreign_at) == (0, moment, None)
