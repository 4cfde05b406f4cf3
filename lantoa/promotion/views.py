"""Public feed views: each finds the language's page and renders one format."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation

from .feeds import news_atom
from .ical import events_calendar
from .models import EventIndexPage, HomePage, NewsIndexPage
from .schema import absolute
from .selectors import sitemap_entries


def _home(language: str) -> HomePage:
    if language not in dict(settings.LANGUAGES):
        raise Http404
    home = HomePage.objects.live().public().filter(locale__language_code=language).first()
    if home is None:
        raise Http404
    return home


def sitemap_index(request):
    languages = [
        code
        for code, _name in settings.LANGUAGES
        if HomePage.objects.live().public().filter(locale__language_code=code).exists()
    ]
    urls = [absolute(request, reverse("promotion:sitemap", args=[code])) for code in languages]
    return render(
        request, "promotion/sitemap_index.xml", {"urls": urls}, content_type="application/xml"
    )


def sitemap(request, language: str):
    home = _home(language)
    with translation.override(language):
        return render(
            request,
            "promotion/sitemap.xml",
            {"entries": sitemap_entries(home=home, request=request)},
            content_type="application/xml",
        )


def news_feed(request, language: str):
    index = NewsIndexPage.objects.live().public().child_of(_home(language)).first()
    if index is None:
        raise Http404
    return HttpResponse(
        news_atom(index=index, request=request), content_type="application/atom+xml; charset=utf-8"
    )


def events_ical(request, language: str):
    index = EventIndexPage.objects.live().public().child_of(_home(language)).first()
    if index is None:
        raise Http404
    response = HttpResponse(
        events_calendar(index=index, request=request), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="su-kien-{language}.ics"'
    return response


def favicon(request):
    """/favicon.ico, which browsers and crawlers ask for whatever a page declares: the PNG icon
    (resolved per request, so the static manifest is read only once collectstatic has run)."""
    from django.shortcuts import redirect
    from django.templatetags.static import static

    return redirect(static("promotion/favicon.png"), permanent=False)
