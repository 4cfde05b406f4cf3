"""No English on the admin's create and edit forms, as an administrator and as a unit reporter.

The demo ward is loaded (`manage.py load_demo`, as after `make run`); each role logs in through the
login form (Django's test client: no browser needed to read a form) and opens every page of its
menu (read from the sidebar Wagtail renders for that person), then every create form ("add" links)
and the first edit form of each kind linked from those pages, and the forms linked from those forms
(a group's or site's edit page from its list, a workflow's tasks).

On each form it reads what a person reads: labels, help texts, headings, tabs, buttons, the options
of fixed choices (an empty choice "---------" is fine) and the titles, placeholders and labels a
screen reader reads. Records shown in it (a select of sources, a page title, a textarea's text) and
the names of countries are data, not interface, and are left out. A word is English when it is
written in ASCII letters, is not a Vietnamese syllable written without tone marks
(`VIETNAMESE_SYLLABLE`) and not a name or format kept as it is (`KEPT`); plus the short English
words that look Vietnamese (`ENGLISH_SHORT`).
"""

import json
import re
from collections import defaultdict
from urllib.parse import urlsplit

import lxml.html
import pytest
from django.core.management import call_command

# A Vietnamese syllable without its tone marks: onset, vowel nucleus, coda.
_ONSET = "(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"
_NUCLEUS = (
    "(?:uye|uya|uyu|oai|oay|oeo|uoi|uou|uay|uau|iu|ieu|ieu|yeu|ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|"
    "oo|ua|ue|ui|uo|uu|uy|ye|[aeiouy])"
)
_CODA = "(?:ch|ng|nh|[cmnpt])?"
VIETNAMESE_SYLLABLE = re.compile(f"^{_ONSET}{_NUCLEUS}{_CODA}$", re.I)
# Names, formats and abbreviations an office uses as they are.
KEPT = {
    "lantoa", "wagtail", "url", "urls", "rss", "api", "docx", "xlsx", "pdf", "opml", "totp",
    "telegram", "zalo", "json", "yaml", "html", "csv", "sms", "id", "email", "webhook", "slug",
    "youtube", "facebook", "tiktok", "chat_id", "user_id", "http", "https", "www", "utc", "ict",
    "gmt", "iso", "png", "jpg", "jpeg", "gif", "svg", "webp", "mb", "kb", "ip", "dns", "cdn",
    "ai", "ok", "qr", "xml", "atom", "ical", "ics", "smtp", "mttq", "markdown", "seo", "og",
    "robots", "txt", "xx", "sendmessage", "feed", "sitemap", "news", "blog", "web", "link",
    "video", "demo", "english", "vi", "en", "zh", "ko", "ja", "fr",
}  # fmt: skip
# English words that also read as Vietnamese syllables ("in", "to", "can", "no" are Vietnamese).
ENGLISH_SHORT = {"the", "yes"}
# Abbreviations (KH, TW, CC BY-SA, TLS) and a query's operators (AND, OR, TO) stay as they are.
ABBREVIATION = re.compile(r"^[A-Z]{2,5}$")
# Code shown as an example: JSON, a query's field names (`date:[…]`).
CODE = re.compile(r"\{.*\}|\b\w+:(?=\[)")
WORD = re.compile(r"[^\W\d]+")
# Third-party labels no catalogue reaches (no gettext in the library): the group page's headings
# of wagtailcore.Locale and wagtail_localize.Translation (models without a translatable verbose
# name), wagtail-localize's locale-sync fields ("Enabled", "Sync from") and the screen-reader label
# of the page field in Wagtail's group and workflow page formsets ("Page", a field without a
# label). Listed per form, so that a new English word anywhere still fails.
UNREACHABLE = {
    "/admin/groups/": {"Locale", "Translation", "Page"},
    "/admin/locales/": {"Enabled", "Sync", "from"},
    "/admin/workflows/": {"Page"},
}
ASCII_WORD = re.compile(r"[A-Za-z_]+")
EMPTY_CHOICE = "---------"
ROLES = ("admin", "mttq")
FORM_LINK = re.compile(r"/(?:add|create|edit|new|copy)(?:/|$)|/settings/\w+/\w+/")
NOT_FOLLOWED = re.compile(r"/(?:logout|delete|unpublish|revisions|history|usage|lock|unlock)/")


def english_words(text: str) -> list[str]:
    words = []
    for word in WORD.findall(CODE.sub(" ", text)):
        if ABBREVIATION.match(word) or "_" in word:
            continue
        lower = word.lower().strip("_")
        if not ASCII_WORD.fullmatch(lower) or len(lower) < 2:
            continue
        if lower in KEPT:
            continue
        if lower in ENGLISH_SHORT or not VIETNAMESE_SYLLABLE.match(lower) or len(lower) > 7:
            words.append(word)
    return words


def _is_data(element) -> bool:
    """An element showing records rather than the interface."""
    if element.tag == "option":
        value = element.get("value") or ""
        # Country names are places, named by Unicode CLDR in Vietnamese ("Afghanistan" is that).
        in_country = (element.getparent().get("name") or "").endswith("country")
        return value.isdigit() or bool(re.fullmatch(r"[0-9a-f-]{36}", value)) or in_country
    if element.tag == "label":
        inputs = element.xpath(".//input")
        return bool(inputs) and (inputs[0].get("value") or "").isdigit()
    return element.tag == "textarea"


def form_texts(body: str) -> list[str]:
    """The interface texts of a form page's main area (see the module's docstring)."""
    document = lxml.html.fromstring(body)
    main = (document.xpath("//main") or [document])[0]
    for unseen in main.xpath(".//script|.//style|.//template|.//*[@hidden]|.//noscript"):
        unseen.drop_tree()
    for data in [e for e in main.iter() if isinstance(e.tag, str) and _is_data(e)]:
        data.drop_tree()
    # Records named in the form's heading and breadcrumbs (a page's or a source's own title).
    for data in main.xpath(
        ".//*[contains(@class, 'w-breadcrumbs')]|.//h1//*[@class='w-header__subtitle']"
    ):
        data.drop_tree()
    texts = [t for t in main.itertext() if t.strip() and t.strip() != EMPTY_CHOICE]
    texts += main.xpath(".//@title|.//@aria-label|.//@placeholder|.//@alt")
    texts += main.xpath(".//input[@type='submit' or @type='button']/@value")
    return texts


def _menu_urls(body: str) -> set[str]:
    """The admin addresses in the sidebar's menu, as Wagtail renders it for this person."""
    document = lxml.html.fromstring(body)
    props = document.xpath("//script[@id='wagtail-sidebar-props']/text()")
    found = set(re.findall(r'"(/admin/[^"]*)"', props[0])) if props else set()
    return {url for url in found if not NOT_FOLLOWED.search(url)}


def _links(body: str) -> set[str]:
    found = set()
    for href in lxml.html.fromstring(body).xpath("//main//a/@href"):
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path.startswith("/admin/"):
            continue
        if not NOT_FOLLOWED.search(parts.path):
            found.add(parts.path)
    return found


def _kind(url: str) -> str:
    """Forms of one kind share an address but for the record's number."""
    return re.sub(r"/\d+/", "/N/", url)


def crawl_forms(client) -> tuple[int, dict[str, list[str]], list[str], list[str]]:
    """(forms visited, English words per form address, failures, forms refused)."""
    menu = _menu_urls(client.get("/admin/").content.decode())
    assert menu, "no menu found in the sidebar"
    forms, kinds, failures, refused = [], set(), [], []
    pages = sorted(menu)
    for url in pages:
        if FORM_LINK.search(url) and _kind(url) not in kinds:
            kinds.add(_kind(url))
            forms.append(url)
    for url in pages:
        response = client.get(url, follow=True)
        if response.status_code >= 500:
            failures.append(f"{url}: {response.status_code}")
        if "text/html" not in response.get("Content-Type", ""):
            continue
        for link in sorted(_links(response.content.decode())):
            if FORM_LINK.search(link) and _kind(link) not in kinds:
                kinds.add(_kind(link))
                forms.append(link)
    english, visited = {}, 0
    while forms:
        url = forms.pop(0)
        response = client.get(url, follow=True)
        home = response.redirect_chain and response.redirect_chain[-1][0] == "/admin/"
        if home or response.status_code >= 400:
            # A link to a form this person may not open (Wagtail sends them home with a refusal).
            refused.append(f"{url}: {response.status_code}")
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        if not lxml.html.fromstring(response.content).xpath("//main//form"):
            continue
        visited += 1
        body = response.content.decode()
        words = [w for text in form_texts(body) for w in english_words(str(text))]
        unreachable = {
            w for prefix, ws in UNREACHABLE.items() if url.startswith(prefix) for w in ws
        }
        words = [word for word in words if word not in unreachable]
        if words:
            english[url] = sorted(set(words))
        for link in sorted(_links(body)):  # a form's own sub-forms (a workflow's tasks …)
            if FORM_LINK.search(link) and _kind(link) not in kinds:
                kinds.add(_kind(link))
                forms.append(link)
    return visited, english, failures, refused


@pytest.mark.django_db
def test_every_admin_form_reachable_from_the_menu_is_in_vietnamese(client, demo_password, capsys):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    rows, found, failures, found_refused = [], defaultdict(list), [], []
    for username in ROLES:
        client.logout()
        assert client.login(username=username, password=demo_password)
        visited, english, failed, refused = crawl_forms(client)
        failures += [f"{username} {failure}" for failure in failed]
        words = sum(len(w) for w in english.values())
        rows.append((username, visited, len(english), words, len(refused)))
        found_refused += [f"{username} {url}" for url in refused]
        for url, form_words in english.items():
            found[username].append(f"{url}: {', '.join(form_words)}")
    with capsys.disabled():
        print("\nform crawl (create/edit forms reachable from the menu):")
        for row in [("user", "forms", "with English", "words", "refused"), *rows]:
            print("{:<8} {:>6} {:>13} {:>6} {:>8}".format(*row))
        print("refused: " + ", ".join(found_refused))
        for username, lines in found.items():
            print(f"{username}:\n  " + "\n  ".join(lines))
    assert not failures, "\n".join(failures)
    assert all(visited >= 5 for _user, visited, *_ in rows), rows
    assert not found, json.dumps(found, ensure_ascii=False, indent=1)
    # No link leads to a form that refuses the person: choosers link to the chosen record only
    # for those who may edit it (core.admin.chooser_links), the translation board's titles only
    # to pages the person may edit.
    assert not found_refused, found_refused
