"""rows_update: one executemany that writes the same values bulk_update would."""

import pytest
from django.utils import timezone

from lantoa.core.bulk import rows_update
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
