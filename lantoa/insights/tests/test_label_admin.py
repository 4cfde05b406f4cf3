"""The Label admin goes through the label services: an edit changes the item's reading, a delete
hands the decision back to the models, and there is no blank "add label" form."""

import pytest
from django.urls import reverse

from .. import demo
from ..constants import Origin, Tone
from ..models import ItemAnalysis, Label
from ..services import items_analyse, label_set
from .factories import indexed_items

pytestmark = pytest.mark.django_db


@pytest.fixture
def monitor_client(client, demo_ward):
    from lantoa.core.models import User

    demo.load(log=lambda m: None)
    client.force_login(User.objects.get(username="theodoi"))
    return client


@pytest.fixture
def labelled_item():
    (item,) = indexed_items({"title": "Du khách khen Quy Nhơn sạch đẹp, rất hài lòng"})
    items_analyse(item_ids=[item.id])
    assert ItemAnalysis.objects.get(item=item).tone == Tone.POSITIVE  # the lexicon's reading
    label = label_set(item=item, kind="tone", value=Tone.NEGATIVE)
    return item, label


def test_editing_a_label_in_the_admin_changes_the_items_tone(monitor_client, labelled_item):
    item, label = labelled_item
    url = reverse("insights_label:edit", args=[label.pk])
    form = monitor_client.get(url)
    assert form.status_code == 200
    response = monitor_client.post(url, {"value": "Trung tính"})  # the Vietnamese name works
    assert response.status_code == 302
    label.refresh_from_db()
    analysis = ItemAnalysis.objects.get(item=item)
    assert label.value == Tone.NEUTRAL and label.user.username == "theodoi"
    assert (analysis.tone, analysis.tone_origin) == (Tone.NEUTRAL, Origin.PERSON)


def test_an_invalid_value_is_refused_with_the_services_message(monitor_client, labelled_item):
    item, label = labelled_item
    response = monitor_client.post(
        reverse("insights_label:edit", args=[label.pk]), {"value": "rất vui"}
    )
    assert response.status_code == 200
    assert "không hợp lệ" in response.content.decode()
    assert ItemAnalysis.objects.get(item=item).tone == Tone.NEGATIVE


def test_deleting_a_label_gives_the_tone_back_to_the_lexicon(monitor_client, labelled_item):
    item, label = labelled_item
    response = monitor_client.post(reverse("insights_label:delete", args=[label.pk]))
    assert response.status_code == 302
    assert not Label.objects.filter(pk=label.pk).exists()
    analysis = ItemAnalysis.objects.get(item=item)
    assert (analysis.tone, analysis.tone_origin) == (Tone.POSITIVE, Origin.LEXICON)
    assert analysis.uncertainty > 0  # back in the labelling queue


def test_no_blank_add_form(monitor_client, labelled_item):
    index = monitor_client.get(reverse("insights_label:index")).content.decode()
    assert reverse("insights_label:add") not in index
    assert monitor_client.get(reverse("insights_label:add")).status_code in (302, 403)
