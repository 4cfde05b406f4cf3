"""A crawl of every admin URL as every unit reporter: no page may show another unit's plan record.

The URL patterns come from Django's resolver (everything under /admin/), so a view added later is
crawled without anyone remembering to list it. Each pattern's arguments are filled with real ids:
of a record of ANOTHER unit and of one of the reporter's own unit where the pattern's model is
unit-scoped, of any row otherwise. A 200 answer fails the crawl when it contains the title of a
plan record the reporter may not see (refusals and redirects are fine). Patterns whose arguments
could not be filled are listed in the output, and the crawl must reach many patterns, so that it
cannot pass by crawling nothing.
"""

import html
import json
import re
from datetime import date

import pytest
from django.apps import apps
from django.db.models import Model
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from lantoa.core.constants import Role
from lantoa.core.models import User
from lantoa.core.roles import UNIT_SCOPED_MODELS, scope_to_unit
from lantoa.plans import demo as plans_demo
from lantoa.plans.models import ProgressReport
from lantoa.plans.services import (
    dissemination_session_record,
    followup_run,
    progress_report_submit,
)

from .factories import DirectiveFactory, make_task

pytestmark = pytest.mark.django_db

# Custom views that do not name their model: the model their `pk` argument is an id of.
VIEW_MODELS = {
    "plans_admin:plan_outline": "plans.Plan",
    "plans_admin:report_review": "plans.ProgressReport",
    "plans_admin:evidence_file": "plans.ReportEvidence",
}
# Arguments named after the model they take an id of.
ARGUMENT_MODELS = {
    "page_id": "wagtailcore.Page",
    "parent_page_id": "wagtailcore.Page",
    "page_to_move_id": "wagtailcore.Page",
    "page_pk": "wagtailcore.Page",
    "user_id": "core.User",
    "collection_id": "wagtailcore.Collection",
    "image_id": "wagtailimages.Image",
    "document_id": "wagtaildocs.Document",
    "doc_id": "wagtaildocs.Document",
    "revision_id": "wagtailcore.Revision",
    "workflow_pk": "wagtailcore.Workflow",
}
# Patterns that cannot be crawled, with the reason.
NOT_CRAWLED = {"wagtailadmin_logout": "ends the session the crawl runs in"}
MIN_CRAWLED_PATTERNS = 150


def admin_patterns(patterns=None, prefix="", namespace=""):
    """(route, URL name, pattern) for every URL pattern, walking included resolvers."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from admin_patterns(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern) and (prefix + str(entry.pattern)).startswith("admin/"):
            yield prefix + str(entry.pattern), f"{namespace}{entry.name}", entry


def unit_scoped_models() -> dict:
    """Every model whose rows belong to units (their ViewSets register them; see core.roles)."""
    import lantoa.urls  # noqa: F401 (registers every app's ViewSets)

    return dict(UNIT_SCOPED_MODELS)


def model_of(name: str, pattern: URLPattern):
    callback = pattern.callback
    model = (getattr(callback, "view_initkwargs", None) or {}).get("model")
    model = model or getattr(getattr(callback, "view_class", None), "model", None)
    model = model or VIEW_MODELS.get(name)
    if isinstance(model, str):
        model = apps.get_model(model)
    return model if isinstance(model, type) and issubclass(model, Model) else None


def arguments_of(pattern: URLPattern) -> list[str]:
    return list(pattern.pattern.regex.groupindex)


def route_to_path(route: str, values: dict[str, str]) -> str:
    """Fill `<conv:name>` (path) and `(?P<name>…)` (regex) placeholders with `values`."""
    if route.startswith("admin/") and ("^" in route or "(?P<" in route):
        route = route.replace("^", "").replace("$", "").replace("\\", "")
        route = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: values[m.group(1)], route)
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: values[m.group(1)], route)


def title_forms(title: str) -> set[str]:
    """How a title may appear in a body: as is, HTML-escaped, JSON-escaped, or both."""
    escaped = html.escape(title, quote=True)
    return {title, escaped, json.dumps(title)[1:-1], json.dumps(escaped)[1:-1]}


def body_of(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8", errors="replace")


def _populate_other_units(units):
    """Besides the demo plan: a unit without a reporter of its own with a task, a report with
    evidence, a session; reminders for everyone (the follow-up job on a day after the deadlines)."""
    task = make_task(
        units,
        lead="hoi-nong-dan",
        title="Xây dựng mô hình nông dân tuyên truyền viên trên mạng xã hội",
    )
    reporter = User.objects.filter(is_superuser=True).first()
    progress_report_submit(
        task=task,
        unit=units["hoi-nong-dan"],
        user=reporter,
        narrative="Hội Nông dân đã lập 3 nhóm tuyên truyền viên.",
        files=[("bien-ban-hoi-nong-dan.pdf", b"%PDF-1.4 demo")],
    )
    dissemination_session_record(
        organisation=units["hoi-nong-dan"],
        directive=DirectiveFactory(),
        held_on=date(2026, 5, 9),
        form="conference",
        audience="people",
        invited=40,
        attended=38,
        task=task,
        notes="Hội nghị riêng của Hội Nông dân",
    )
    followup_run(as_of=date(2026, 7, 5), send_email=False)


def _ids(model, scoped_models, user):
    """(ids of another unit's records, ids of the user's unit's records) of `model`; any row
    counts as "own" for models that do not belong to units."""
    rows = model._default_manager.order_by("pk")
    if model not in scoped_models:
        first = rows.values_list("pk", flat=True).first()
        return [], [first] if first is not None else []
    visible = scope_to_unit(model._default_manager.all(), user, *scoped_models[model])
    other = rows.exclude(pk__in=visible.values("pk")).values_list("pk", flat=True).first()
    own = visible.order_by("pk").values_list("pk", flat=True).first()
    return [other] if other is not None else [], [own] if own is not None else []


def test_no_admin_page_shows_a_unit_reporter_another_units_plan_record(demo_ward, capsys):
    plans_demo.load(log=lambda message: None)
    _populate_other_units(demo_ward)
    scoped_models = unit_scoped_models()
    reporters = list(User.objects.filter(groups__name=Role.UNIT_REPORTER).order_by("username"))
    assert len(reporters) >= 2
    assert ProgressReport.objects.values("unit").distinct().count() >= 3

    patterns = list(admin_patterns())
    crawled, unfilled, failing, leaks, answered = set(), set(), set(), [], 0
    for user in reporters:
        hidden = {}
        for model, paths in scoped_models.items():
            if model._meta.app_label != "plans":
                continue  # other apps' records: their own tests
            visible = scope_to_unit(model._default_manager.all(), user, *paths)
            for obj in model._default_manager.exclude(pk__in=visible.values("pk")):
                hidden[str(obj)] = f"{model._meta.label} #{obj.pk}"
        assert hidden, f"{user}: every record is within the unit, nothing to find"
        client = Client(raise_request_exception=False)  # e.g. /admin/failwhale/ fails on purpose
        client.force_login(user)
        for route, name, pattern in patterns:
            if name in NOT_CRAWLED:
                continue
            names = arguments_of(pattern)
            urls = []
            if not names:
                urls = [route_to_path(route, {})]
                if name.endswith("chosen_multiple"):
                    model = model_of(name, pattern)
                    other, own = _ids(model, scoped_models, user) if model else ([], [])
                    query = "&".join(f"id={pk}" for pk in other + own)
                    urls = [f"{urls[0]}?{query}"] if query else urls
            else:
                model = model_of(name, pattern)
                fill = {}
                for argument in names:
                    if argument in ("pk", "object_id") and model is not None:
                        fill[argument] = _ids(model, scoped_models, user)
                    elif argument in ARGUMENT_MODELS:
                        fill[argument] = _ids(
                            apps.get_model(ARGUMENT_MODELS[argument]), scoped_models, user
                        )
                    else:
                        fill[argument] = ([], [])
                if not all(other or own for other, own in fill.values()):
                    unfilled.add(route)
                    continue
                for pick in (0, 1):  # another unit's ids, then the user's own
                    values = {
                        key: str((ids[pick] or ids[1 - pick])[0]) for key, ids in fill.items()
                    }
                    urls.append(route_to_path(route, values))
                urls = list(dict.fromkeys(urls))
            crawled.add(route)
            for url in urls:
                response = client.get(url)
                assert "_auth_user_id" in client.session, f"{url} logged {user} out"
                if response.status_code >= 500:
                    failing.add(route)
                if response.status_code != 200:
                    continue
                answered += 1
                body = body_of(response)
                for title, record in hidden.items():
                    if any(form in body for form in title_forms(title)):
                        leaks.append(f"{user.username} {url}: {record} “{title}”")

    with capsys.disabled():
        print(f"\nCrawled {len(crawled)} admin patterns ({answered} pages answered 200).")
        print("Answered 5xx (not a leak):\n  " + "\n  ".join(sorted(failing)))
        print(f"Could not fill {len(unfilled)} patterns:\n  " + "\n  ".join(sorted(unfilled)))
    assert len(crawled) >= MIN_CRAWLED_PATTERNS
    assert not leaks, f"{len(leaks)} pages show another unit's records:\n" + "\n".join(leaks)
