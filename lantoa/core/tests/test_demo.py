from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import Locale, Site

from lantoa.core.constants import Role
from lantoa.core.models import Unit, User
from lantoa.promotion.models import HomePage


def counts():
    return (
        Unit.objects.count(),
        User.objects.count(),
        Group.objects.count(),
        HomePage.objects.count(),
        Locale.objects.count(),
    )


def test_load_demo_is_idempotent(db):
    call_command("load_demo")
    first = counts()
    call_command("load_demo")
    assert counts() == first


def test_demo_ward_has_the_organisation_tree(demo_ward):
    party = demo_ward["dang-uy"]
    assert set(party.children.values_list("code", flat=True)) >= {
        "ban-thuong-vu",
        "ban-xay-dung-dang",
        "van-phong-dang-uy",
        "chi-bo-khu-pho-1",
    }
    front = demo_ward["mttq"]
    assert set(front.children.values_list("code", flat=True)) == {
        "doan-thanh-nien",
        "hoi-phu-nu",
        "hoi-nong-dan",
        "hoi-cuu-chien-binh",
    }
    assert demo_ward["ubnd"].parent is None
    assert {role.value for role in Role} <= set(Group.objects.values_list("name", flat=True))


def test_public_site_root_is_a_home_page_in_six_languages(db):
    call_command("load_demo")
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    assert isinstance(home, HomePage) and home.locale.language_code == "vi"
    languages = set(
        home.get_translations(inclusive=True).values_list("locale__language_code", flat=True)
    )
    assert languages == {"vi", "en", "zh-hans", "ko", "ja", "fr"}
