"""The office's starter watchlists, topics, alert rules and bulletin recipients, from
`insights/config/*.yaml`.

Loaded by `manage.py setup_office` (see `core.office`): an entry is created only when no entry of
that name exists, so what an administrator edited in the admin stays as it is.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from lantoa.core.constants import Role
from lantoa.core.office_setup import SetupCount, config_entries
from lantoa.monitoring.search.query import parse_query
from lantoa.monitoring.search.selectors import QueryError

from .constants import AlertKind, Channel, Frequency, TopicKind, TopicMethod
from .models import AlertRule, BulletinRecipient, Topic, Watchlist
from .permissions import permissions_grant


def _check_query(entry, query: str) -> None:
    if not query:
        return
    try:
        parse_query(query)
    except QueryError as exc:
        raise entry.fail(_("câu truy vấn sai: %(error)s") % {"error": exc}) from None


def watchlists_setup() -> SetupCount:
    count = SetupCount(_("Danh sách theo dõi"))
    keys = {"name", "description", "query", "aliases"}
    for entry in config_entries(__file__, "watchlists.yaml", keys=keys):
        name = entry.text("name", required=True)
        watchlist = Watchlist(
            name=name,
            query=entry.text("query"),
            aliases="\n".join(entry.lines("aliases")),
            description=entry.text("description"),
        )
        if not watchlist.effective_query():
            raise entry.fail(_("cần “query” hoặc ít nhất một “aliases”."))
        _check_query(entry, watchlist.effective_query())
        created = not Watchlist.objects.filter(name=name).exists()
        if created:
            watchlist.save()
        count.add(name, created)
    return count


def topics_setup() -> SetupCount:
    count = SetupCount(_("Chủ đề"))
    keys = {"name", "kind", "query", "description"}
    order = Topic.objects.count()
    for entry in config_entries(__file__, "topics.yaml", keys=keys):
        name = entry.text("name", required=True)
        kind = entry.choice("kind", TopicKind)
        query = entry.text("query")
        _check_query(entry, query)
        _topic, created = Topic.objects.get_or_create(
            name=name,
            defaults={
                "kind": kind,
                "query": query,
                "description": entry.text("description"),
                "method": TopicMethod.BOTH if query else TopicMethod.CLASSIFIER,
                "sort_order": order,
            },
        )
        order += 1
        count.add(name, created)
    return count


def alert_rules_setup() -> SetupCount:
    count = SetupCount(_("Quy tắc cảnh báo"))
    keys = {"name", "kind", "frequency", "channel", "watchlist", "topic", "sensitivity"}
    for entry in config_entries(__file__, "alert_rules.yaml", keys=keys):
        name = entry.text("name", required=True)
        scope = {}
        for key, model, label in (
            ("watchlist", Watchlist, _("danh sách theo dõi")),
            ("topic", Topic, _("chủ đề")),
        ):
            if scope_name := entry.text(key):
                scope[key] = model.objects.filter(name=scope_name).first()
                if scope[key] is None:
                    raise entry.fail(
                        _("không có %(what)s tên “%(name)s”.") % {"what": label, "name": scope_name}
                    )
        channel = entry.choice("channel", Channel, default=Channel.IN_APP)
        if channel != Channel.IN_APP:
            raise entry.fail(
                _("tệp cấu hình chỉ tạo quy tắc kênh in_app (nơi nhận đặt trong trang quản trị).")
            )
        try:
            sensitivity = float(entry.text("sensitivity", default="3"))
        except ValueError:
            raise entry.fail(_("“sensitivity” phải là một số.")) from None
        rule = AlertRule(
            name=name,
            kind=entry.choice("kind", AlertKind),
            frequency=entry.choice("frequency", Frequency, default=Frequency.IMMEDIATE),
            channel=channel,
            sensitivity=sensitivity,
            **scope,
        )
        created = not AlertRule.objects.filter(name=name).exists()
        if created:
            rule.save()
        count.add(name, created)
    return count


def bulletin_recipients_setup() -> SetupCount:
    count = SetupCount(_("Nơi nhận bản tin"))
    keys = {"name", "role", "user", "email"}
    for entry in config_entries(__file__, "bulletin_recipients.yaml", keys=keys):
        name = entry.text("name", required=True)
        targets = [key for key in ("role", "user", "email") if entry.text(key)]
        if len(targets) != 1:
            raise entry.fail(_("cần đúng một trong “role”, “user”, “email”."))
        recipient = BulletinRecipient(name=name)
        if targets == ["role"]:
            recipient.role = entry.choice("role", Role)
        elif targets == ["user"]:
            username = entry.text("user")
            recipient.user = get_user_model().objects.filter(username=username).first()
            if recipient.user is None:
                raise entry.fail(
                    _("không có tài khoản tên đăng nhập “%(name)s”.") % {"name": username}
                )
        else:
            recipient.email = entry.text("email")
            try:
                validate_email(recipient.email)
            except ValidationError:
                raise entry.fail(
                    _("địa chỉ thư “%(email)s” không hợp lệ.") % {"email": recipient.email}
                ) from None
        created = not BulletinRecipient.objects.filter(name=name).exists()
        if created:
            recipient.save()
        count.add(name, created)
    return count


def setup(*, log) -> None:
    permissions_grant()
    counts = (watchlists_setup(), topics_setup(), alert_rules_setup(), bulletin_recipients_setup())
    for count in counts:
        log(f"insights: {count}")
