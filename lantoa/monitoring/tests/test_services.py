"""Writes of monitoring that a person makes in the admin: an item entered or corrected by hand."""

import pytest
from wagtail.models import ModelLogEntry

from lantoa.core.models import User
from lantoa.insights.models import ItemAnalysis
from lantoa.monitoring.models import Item
from lantoa.monitoring.search.selectors import search_items
from lantoa.monitoring.services import entries_ingest, item_create, item_update
from lantoa.monitoring.urlnorm import url_hash

from .factories import SourceFactory

pytestmark = pytest.mark.django_db


def _stored(title: str, url: str) -> Item:
    run = entries_ingest(source=SourceFactory(), entries=[{"url": url, "title": title}])
    return run.item_set.get()


def test_an_item_corrected_by_hand_is_saved_reindexed_recorded_and_analysed_at_once(
    django_capture_on_commit_callbacks,
):
    item = _stored("Lễ hội hoa Quy Nhơn", "http://127.0.0.1/tin/hoa")
    Item.objects.filter(pk=item.pk).update(processed_at=None)
    ItemAnalysis.objects.filter(item=item).delete()
    user = User.objects.create_user(username="bientap")
    with django_capture_on_commit_callbacks(execute=True):
        updated = item_update(
            item_id=item.pk,
            source_id=item.source_id,
            title="  Lễ hội cà phê Gia Lai ",
            url="http://127.0.0.1/tin/ca-phe?utm_source=x",
            text="Nội dung mới.",
            language="vi",
            user=user,
        )
    item.refresh_from_db()
    assert item.title == "Lễ hội cà phê Gia Lai" and item.text == "Nội dung mới."
    assert item.url_hash == url_hash("http://127.0.0.1/tin/ca-phe") == updated.url_hash
    assert item.title_folded == "le hoi ca phe gia lai"
    assert list(search_items("ca phe")) == [item] and not search_items("hoa").exists()
    assert item.processed_at is not None and ItemAnalysis.objects.filter(item=item).exists()
    entry = ModelLogEntry.objects.get(object_id=str(item.pk), action="wagtail.edit")
    assert entry.user_id == user.pk


def test_a_correction_to_a_url_another_item_has_is_refused_and_nothing_is_saved():
    first = _stored("Tin thứ nhất", "http://127.0.0.1/tin/1")
    second = _stored("Tin thứ hai", "http://127.0.0.1/tin/2")
    with pytest.raises(ValueError, match="Đã có tin với đường dẫn này"):
        item_update(
            item_id=second.pk,
            source_id=second.source_id,
            title="Đổi tiêu đề",
            url="https://www.127.0.0.1/tin/1/",
        )
    second.refresh_from_db()
    assert second.title == "Tin thứ hai" and second.url == "http://127.0.0.1/tin/2"
    assert first.url_hash != second.url_hash
    with pytest.raises(ValueError, match="http://"):
        item_create(source_id=first.source_id, title="Nhập tay", url="javascript:alert(1)")
    assert Item.objects.count() == 2


def test_a_poll_writes_nothing_to_wagtail_s_reference_index(django_capture_on_commit_callbacks):
    """A poll is bookkeeping (hundreds a day): saving its PollRun costs no reference-index row."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ReferenceIndex

    from lantoa.monitoring.models import PollRun

    with django_capture_on_commit_callbacks(execute=True):
        _stored("Lễ hội hoa Quy Nhơn", "http://127.0.0.1/tin/hoa")
    assert PollRun.objects.count() == 1
    poll_run = ContentType.objects.get_for_model(PollRun)
    assert not ReferenceIndex.objects.filter(base_content_type=poll_run).exists()
