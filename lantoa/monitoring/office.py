"""The starter list of outlets to monitor, from `monitoring/config/sources.yaml`.

Loaded by `manage.py setup_office` and by the admin's first-run setup page (see `core.office`):
a source is added only when none with its address and kind exists, so a source an administrator
edited or switched off stays as it is.
"""

from django.utils.translation import gettext as _

from lantoa.core.office_setup import SetupCount, config_entries

from .constants import OutletType, SourceKind
from .models import Source
from .permissions import permissions_grant
from .services import source_create

KEYS = {"name", "kind", "url", "outlet_type", "country", "language", "priority"}


def starter_sources_setup() -> SetupCount:
    count = SetupCount(_("Nguồn tin khởi đầu"))
    for entry in config_entries(__file__, "sources.yaml", keys=KEYS):
        url = entry.text("url", required=True)
        kind = entry.choice("kind", SourceKind, default=SourceKind.FEED)
        try:
            priority = int(entry.text("priority", default="3"))
        except ValueError:
            raise entry.fail(_("“priority” phải là một số từ 1 đến 5.")) from None
        created = not Source.objects.filter(url=url, kind=kind).exists()
        try:
            source_create(
                url=url,
                kind=kind,
                name=entry.text("name", required=True),
                outlet_type=entry.choice("outlet_type", OutletType),
                country=entry.text("country", default="VN"),
                language=entry.text("language", default="vi"),
                priority=min(max(priority, 1), 5),
            )
        except ValueError as exc:
            raise entry.fail(str(exc)) from None
        count.add(url, created)
    return count


def setup(*, log) -> None:
    permissions_grant()
    log(f"monitoring: {starter_sources_setup()}")
