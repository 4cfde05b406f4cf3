"""The Vietnamese admin: catalogue well-formed, compiled, in force, and seen in a real browser."""

import re
from collections import Counter
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation
from playwright.sync_api import expect

from lantoa.core.management.commands.compile_translations import catalogue_paths, compiled

LOCALE = Path(settings.BASE_DIR) / "lantoa" / "locale" / "vi" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\(\w+\)[sdfir]|%[sdfir]|\{\w*\}")
TAG = re.compile(r"</?\w+")

# What a staff member reads on the login page, in the sidebar and on the dashboard.
KEY_STRINGS = {
    "Sign in to Wagtail": "Đăng nhập Lantoa",
    "Sign in": "Đăng nhập",
    "Password": "Mật khẩu",
    "Forgotten password?": "Quên mật khẩu?",
    "Remember me": "Ghi nhớ đăng nhập",
    "Dashboard": "Trang tổng quan",
    "Pages": "Trang",
    "Images": "Hình ảnh",
    "Documents": "Tài liệu",
    "Snippets": "Đoạn nội dung",
    "Reports": "Báo cáo",
    "Help": "Trợ giúp",
    "Settings": "Cài đặt",
    "Users": "Người dùng",
    "Groups": "Nhóm",
    "Search…": "Tìm kiếm…",
    "Log out": "Đăng xuất",
    "Account": "Tài khoản",
    "Download CSV": "Tải về CSV",
    "Bulk actions": "Thao tác hàng loạt",
    "Inspect": "Xem chi tiết",
    "History": "Lịch sử",
}


def catalogues():
    return [polib.pofile(str(path)) for path in sorted(LOCALE.glob("*.po"))]


def test_catalogue_is_large_and_has_vietnamese_plural_rule():
    django_po = polib.pofile(str(LOCALE / "django.po"))
    assert len(django_po.translated_entries()) >= 600
    assert django_po.metadata["Plural-Forms"] == "nplurals=1; plural=0;"
    assert not django_po.untranslated_entries()


@pytest.mark.parametrize("po", catalogues(), ids=lambda po: Path(po.fpath).name)
def test_every_translation_keeps_placeholders_and_markup(po):
    problems = []
    for entry in po.translated_entries():
        # Vietnamese has one plural form: it must carry the placeholders of the plural msgid.
        source = entry.msgid_plural or entry.msgid
        target = entry.msgstr_plural[0] if entry.msgid_plural else entry.msgstr
        if Counter(PLACEHOLDER.findall(source)) != Counter(PLACEHOLDER.findall(target)):
            problems.append(f"placeholders: {entry.msgid!r} -> {target!r}")
        if Counter(TAG.findall(source)) != Counter(TAG.findall(target)):
            problems.append(f"markup: {entry.msgid!r} -> {target!r}")
        if "Wagtail" in target and "Wagtail" not in source:
            problems.append(f"branding: {target!r}")
    assert not problems, "\n".join(problems)


def test_compiled_catalogues_are_in_sync_with_their_sources():
    paths = catalogue_paths()
    assert LOCALE / "django.po" in paths
    for po_path in paths:
        mo_path = po_path.with_suffix(".mo")
        assert mo_path.exists(), f"{mo_path} missing: run manage.py compile_translations"
        assert mo_path.read_bytes() == compiled(po_path), f"{mo_path} stale"
    call_command("compile_translations", "--check")


def test_check_reports_a_stale_catalogue(tmp_path, settings):
    folder = tmp_path / "vi" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    po.append(polib.POEntry(msgid="Close", msgstr="Đóng"))
    po.save(str(folder / "django.po"))
    settings.LOCALE_PATHS = [tmp_path]
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="compile_translations"):
        call_command("compile_translations", "--check")
    call_command("compile_translations")
    call_command("compile_translations", "--check")
    assert polib.mofile(str(folder / "django.mo")).find("Close").msgstr == "Đóng"


def test_our_catalogue_overrides_wagtails_wrong_strings():
    with translation.override("vi"):
        message = translation.gettext(
            "Your %(username_field)s and password didn't match. Please try again."
        ) % {"username_field": "tên đăng nhập"}
        for english, vietnamese in KEY_STRINGS.items():
            assert translation.gettext(english) == vietnamese
    assert message == "Sai tên đăng nhập hoặc mật khẩu. Vui lòng thử lại."


@pytest.mark.django_db
def test_login_page_is_vietnamese_for_an_anonymous_visitor(client):
    html = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    for english in ("Sign in to Wagtail", "Forgotten password?", "Remember me", ">Password<"):
        assert english not in html
    assert "Đăng nhập Lantoa" in html


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_login_page_and_dashboard_show_no_english(demo_ward, page, admin_login, demo_password):
    page.goto("/admin/login/")
    expect(page.locator("h1")).to_have_text("Đăng nhập Lantoa")
    login_text = page.locator("main").inner_text()
    for english in ("Sign in", "Password", "Forgotten password", "Remember me", "Wagtail"):
        assert english not in login_text, english
    page.screenshot(path=str(Path(settings.BASE_DIR) / "var" / "screenshots" / "vi-login.png"))

    admin_login("admin")
    expect(page.get_by_role("button", name="Quảng bá", exact=True)).to_be_visible()
    body = page.locator("body").inner_text()
    english_menu = ["Dashboard", "Pages", "Images", "Documents", "Snippets", "Reports", "Help"]
    english_menu += ["Settings", "Search…", "Sign in to Wagtail", "Your most recent edits"]
    assert not [word for word in english_menu if word in body]
    for vietnamese in ("Tìm kiếm", "Kế hoạch", "Quảng bá", "Báo cáo", "Hệ thống", "Trợ giúp"):
        assert vietnamese in body, vietnamese
    assert "Trang tổng quan" in page.title()


# Models no screen shows: fetch bookkeeping, the search index's own tables, the linker's keys.
NEVER_SHOWN = {
    "monitoring.RawResponse",
    "monitoring.HostSlot",
    "search.ItemSearchEntry",
    "search.IndexState",
    "search.IndexChange",
    "insights.StoryKeys",
}


def _declared_by_us(model, field) -> bool:
    """A field our code declares: not one inherited from Django's, Wagtail's or taggit's models
    (a page's tree path, a log entry's fields), which their own catalogues name."""
    if field.auto_created or not field.model.__module__.startswith("lantoa."):
        return False
    return not any(
        base._meta.abstract
        and not base.__module__.startswith("lantoa.")
        and any(f.name == field.name for f in base._meta.fields + base._meta.many_to_many)
        for base in model.__mro__[1:]
        if hasattr(base, "_meta")
    )


def test_every_field_of_our_models_is_named_for_the_office():
    """A field without a verbose_name is labelled by Django with its English attribute name
    ("poll run", "created by") on inspect pages, filters, exports and error messages."""
    from django.apps import apps

    unnamed = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        if model.__module__.startswith("lantoa.") and model._meta.label not in NEVER_SHOWN
        for field in model._meta.concrete_fields + model._meta.many_to_many
        if _declared_by_us(model, field) and str(field.verbose_name) == field.name.replace("_", " ")
    ]
    assert unnamed == []
