from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from lantoa.api.main import api
from lantoa.core.registry import app_modules

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/", api.urls),
    path("sitemap.xml", sitemap),
]
# Apps with pages of their own outside the Wagtail page tree (feeds, exports) provide `urls.py`
# with `urlpatterns`; they are mounted under /<app>/.
for module in app_modules("urls"):
    app = module.__name__.split(".")[1]
    urlpatterns.append(path(f"{app}/", include(module)))

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(path("", include(wagtail_urls)), prefix_default_language=False)
