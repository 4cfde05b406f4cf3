from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from lantoa.api.main import api
from lantoa.core.registry import app_modules
from lantoa.promotion.views import favicon, sitemap_index
from lantoa.responses.views import clarification_claimreview_json, clarification_feed_atom

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/", api.urls),
    # One sitemap index pointing at a sitemap per language (hreflang alternates included).
    path("sitemap.xml", sitemap_index),
    # Browsers and crawlers ask for /favicon.ico whatever the page declares.
    path("favicon.ico", favicon),
    # Wagtail page URLs cannot end in ".atom"; the clarifications index serves its feed here.
    re_path(r"^(?P<index_path>(?:[\w\-]+/)+)feed\.atom$", clarification_feed_atom),
    # … and its ClaimReview records (schema.org) as an open JSON feed, one per language.
    re_path(r"^(?P<index_path>(?:[\w\-]+/)+)claimreview\.json$", clarification_claimreview_json),
]
# Apps with pages of their own outside the Wagtail page tree (feeds, exports) provide `urls.py`
# with `urlpatterns`; they are mounted under /<app>/.
for module in app_modules("urls"):
    app = module.__name__.split(".")[1]
    urlpatterns.append(path(f"{app}/", include(module)))

if settings.DEBUG:
    from django.conf.urls.static import static

    # Only Wagtail images (the public site's pictures and their renditions), as the production
    # proxy serves them. Every other uploaded file (progress-report evidence, documents, job
    # results) goes through a view that checks permissions, also under `make run`.
    urlpatterns += static(
        f"{settings.MEDIA_URL}images/", document_root=settings.MEDIA_ROOT / "images"
    )

urlpatterns += i18n_patterns(path("", include(wagtail_urls)), prefix_default_language=False)
