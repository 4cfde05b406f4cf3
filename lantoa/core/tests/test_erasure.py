"""A collaborator erased on request leaves no personal data anywhere: not in their row, not in the
audit trail (labels or payloads), not in exports, not anywhere in a full dump of the database.

Everything goes through the admin as staff would do it: add, edit, record a participation, erase.
"""

import io
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import ModelLogEntry

from lantoa.core.models import User
from lantoa.people.models import Collaborator

pytestmark = pytest.mark.django_db

SECRETS = ("Trần Văn Bímật", "0987 654 321", "bimat@example.vn", "Chỉ gọi sau 20 giờ", "Múa lân")


def _export(client, name: str) -> str:
    url = reverse(f"wagtailsnippets_people_{name}:list") + "?export=csv"
    response = client.get(url)
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode()


def test_erasure_leaves_an_audit_entry_and_no_personal_data_anywhere(client, demo_ward):
    admin = User.objects.get(username="admin")
    client.force_login(admin)
    form = {
        "full_name": SECRETS[0],
        "kind": "artist",
        "unit": demo_ward["mttq"].pk,
        "agreed_activities": f"{SECRETS[4]} tại lễ hội Trung thu",
        "consent_date": "2026-02-01",
        "consent_scope": f"Lưu số {SECRETS[1]} để mời biểu diễn",
        "consent_method": "written",
        "preferred_channel": "phone",
        "phone": SECRETS[1],
        "email": SECRETS[2],
        "contact_note": "",
    }
    response = client.post(reverse("wagtailsnippets_people_collaborator:add"), form)
    assert response.status_code == 302, re.findall(
        r"error-message.*?</p>", response.content.decode(), re.S
    )
    collaborator = Collaborator.objects.get(full_name=SECRETS[0])
    form["contact_note"] = SECRETS[3]
    edit = reverse("wagtailsnippets_people_collaborator:edit", args=[collaborator.pk])
    assert client.post(edit, form).status_code == 302
    participation = {
        "collaborator": collaborator.pk,
        "date": "2026-09-15",
        "event": "Trung thu phường Quy Nhơn",
        "description": f"{SECRETS[4]} cùng {SECRETS[0]}",
    }
    add = reverse("wagtailsnippets_people_collaboratorparticipation:add")
    assert client.post(add, participation).status_code == 302
    assert SECRETS[0] in _export(client, "collaborator")
    assert SECRETS[0] in _export(client, "collaboratorparticipation")
    dump = io.StringIO()
    call_command("dumpdata", stdout=dump)
    assert SECRETS[1] in dump.getvalue()  # the check below can see them when they are there

    delete = reverse("wagtailsnippets_people_collaborator:delete", args=[collaborator.pk])
    assert client.post(delete).status_code == 302

    entries = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Collaborator),
        object_id=str(collaborator.pk),
    )
    erase = entries.get(action="people.collaborator_erase")
    assert erase.user == admin and erase.data == {}
    assert {"wagtail.create", "wagtail.edit"} <= set(entries.values_list("action", flat=True))
    exports = _export(client, "collaborator") + _export(client, "collaboratorparticipation")
    dump = io.StringIO()
    call_command("dumpdata", stdout=dump)
    everything = dump.getvalue()
    for secret in SECRETS:
        assert secret not in exports
        assert secret not in everything, f"{secret!r} survives in the database"
        # dumpdata escapes non-ASCII; look for the escaped form as well
        assert secret.encode("unicode_escape").decode() not in everything
