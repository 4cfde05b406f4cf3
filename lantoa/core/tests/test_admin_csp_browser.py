"""The admin's script policy, measured in Chromium: every admin page type (dashboard, a list, an
edit form with inline panels and date widgets, a page editor, a chooser modal, our own chart and
job pages) works without `'unsafe-inline'` in `script-src`, with no CSP violation and no console
error, and an injected inline script is refused."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from lantoa.core.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
    e => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' '
        + (e.sourceFile || '') + ':' + e.lineNumber));
"""


@pytest.fixture
def watched(page):
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.add_init_script(WATCH)
    return page, errors


def _assert_clean(page, errors, where):
    page.wait_for_load_state("networkidle")
    violations = page.evaluate("window.__csp")
    assert violations == [], f"{where}: {violations}"
    assert errors == [], f"{where}: {errors}"


@pytest.fixture
def admin_pages(demo_ward):
    from lantoa.promotion.services import site_ensure
    from lantoa.responses import services as responses

    home = site_ensure(title="Quy Nhơn - Gia Lai", intro="Trang thử nghiệm")
    responses.responses_setup()
    case = responses.case_open(
        claim="Tin đồn thu phí bãi biển", user=User.objects.get(username="theodoi"), description="x"
    )
    return {
        "dashboard": reverse("wagtailadmin_home"),
        "list": reverse("wagtailsnippets_responses_case:list"),
        "edit form": reverse("wagtailsnippets_responses_case:edit", args=[case.pk]),
        "page editor": reverse("wagtailadmin_pages:edit", args=[home.pk]),
        "trends": reverse("insights_trends"),
        "labelling queue": reverse("insights_queue"),
        "reports": reverse("reports_dashboard"),
    }


def test_admin_pages_work_without_inline_script(watched, admin_login, admin_pages):
    page, errors = watched
    admin_login("admin")
    for where, url in admin_pages.items():
        errors.clear()
        response = page.goto(url)
        assert response.status == 200, f"{where}: HTTP {response.status}"
        policy = response.headers["content-security-policy"]
        assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";", 1)[0]
        _assert_clean(page, errors, where)

    # An edit form: the inline panel adds a row with a working date-time picker.
    page.goto(admin_pages["edit form"])
    page.get_by_role("button", name="Thêm nơi xuất hiện").click()
    picker = page.locator("input[name='appearances-0-appeared_at']")
    expect(picker).to_be_visible()
    picker.click()
    expect(page.locator(".xdsoft_datetimepicker:visible")).to_have_count(1)
    _assert_clean(page, errors, "inline panel row")

    # A chooser modal from the page editor.
    page.goto(admin_pages["page editor"])
    page.locator("[data-chooser-action-choose]").first.click()
    expect(page.locator(".modal-dialog")).to_be_visible()
    _assert_clean(page, errors, "chooser modal")

    # What an XSS would do in the admin: add an inline script. The policy refuses to run it.
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.__ran = true'; document.body.appendChild(s); }"
    )
    page.wait_for_function("window.__csp.length > 0")
    assert page.evaluate("window.__ran") is None
