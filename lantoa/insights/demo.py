"""The demo ward's watchlists, topic taxonomy, alert rules and role permissions, on top of the
office's shipped configuration (`office.py`, as `setup_office` loads it), and the alerts the real
pipeline raises from the demo items and these rules (never inserted by hand).

Idempotent: running it again changes nothing (update_or_create on names; alerts have dedup keys).
"""

from django.db import transaction

from lantoa.monitoring.models import Item, Story

from .constants import AlertKind, Channel, Frequency, TopicKind, TopicMethod
from .models import Alert, AlertRule, Topic, Watchlist
from .office import alert_rules_setup, topics_setup, watchlists_setup
from .permissions import permissions_grant
from .services.alerts import spikes_detect
from .services.analysis import items_analyse

WATCHLISTS = [
    (
        "Quy Nhơn",
        "",
        ["Quy Nhơn", "Qui Nhơn", "Quy Nhon", "Qui Nhon", "归仁", "퀴논", "クイニョン"],
        "Phường Quy Nhơn và thành phố biển Quy Nhơn, mọi cách viết và ngôn ngữ.",
    ),
    (
        "Gia Lai",
        "",
        ["Gia Lai", "嘉莱", "자라이", "ザライ", "Pleiku"],
        "Tỉnh Gia Lai (sau sáp nhập với Bình Định năm 2025).",
    ),
    (
        "Danh thắng, di tích của phường",
        "",
        [
            "Ghềnh Ráng",
            "Tiên Sa",
            "Eo Gió",
            "Kỳ Co",
            "Tháp Đôi",
            "Tháp Bánh Ít",
            "Hàn Mặc Tử",
            "Mộ Hàn Mặc Tử",
            "Quảng trường Nguyễn Tất Thành",
            "Cù Lao Xanh",
            "Bảo tàng Quang Trung",
            "Hầm Hô",
        ],
        "Địa danh, danh thắng, di tích thu hút du khách và báo chí.",
    ),
    (
        "Sự kiện của phường",
        "",
        [
            "Lễ hội biển Quy Nhơn",
            "Festival Tây Sơn",
            "Hội chợ xúc tiến đầu tư Quy Nhơn",
            "Quy Nhơn Marathon",
            "Tết Quy Nhơn",
        ],
        "Lễ hội, sự kiện văn hóa, thể thao, xúc tiến đầu tư.",
    ),
]

TOPICS = [
    # The plan's promotion themes.
    ("Lịch sử, truyền thống", TopicKind.PROMOTION, 'lịch sử OR "truyền thống" OR "di tích"'),
    ("Văn hóa, con người", TopicKind.PROMOTION, '"văn hóa" OR "lễ hội" OR "nghệ thuật"'),
    ("Thành tựu đổi mới", TopicKind.PROMOTION, '"đổi mới" OR "thành tựu" OR "tăng trưởng"'),
    ("Tư tưởng, đạo đức, phong cách Hồ Chí Minh", TopicKind.PROMOTION, '"Hồ Chí Minh" OR "Bác Hồ"'),
    (
        "Chính sách đối ngoại",
        TopicKind.PROMOTION,
        '"đối ngoại" OR "hợp tác quốc tế" OR "ngoại giao"',
    ),
    ("Tiềm năng đầu tư", TopicKind.PROMOTION, '"đầu tư" OR "xúc tiến" OR "khu công nghiệp"'),
    ("Du lịch", TopicKind.PROMOTION, '"du lịch" OR "du khách" OR "tourism" OR "tourist"'),
    # Sensitive themes named by the plan.
    ("Dân chủ", TopicKind.SENSITIVE, '"dân chủ"'),
    ("Nhân quyền", TopicKind.SENSITIVE, '"nhân quyền" OR "quyền con người" OR "human rights"'),
    ("Dân tộc", TopicKind.SENSITIVE, '"dân tộc thiểu số" OR "đồng bào" OR "sắc tộc"'),
    ("Tôn giáo", TopicKind.SENSITIVE, '"tôn giáo" OR "tín ngưỡng" OR religion'),
    # General news sections (learned from labels).
    ("Thời sự, xã hội", TopicKind.GENERAL, ""),
    ("Kinh tế", TopicKind.GENERAL, ""),
    ("Pháp luật", TopicKind.GENERAL, ""),
    ("Thể thao", TopicKind.GENERAL, ""),
    ("Thế giới", TopicKind.GENERAL, ""),
]


@transaction.atomic
def load(*, log) -> None:
    watchlists_setup()
    topics_setup()
    for name, query, aliases, description in WATCHLISTS:
        Watchlist.objects.update_or_create(
            name=name,
            defaults={"query": query, "aliases": "\n".join(aliases), "description": description},
        )
    for order, (name, kind, query) in enumerate(TOPICS):
        method = TopicMethod.BOTH if query else TopicMethod.CLASSIFIER
        Topic.objects.update_or_create(
            name=name,
            defaults={"kind": kind, "query": query, "method": method, "sort_order": order},
        )
    alert_rules_setup()
    quy_nhon = Watchlist.objects.get(name="Quy Nhơn")
    landmarks = Watchlist.objects.get(name="Danh thắng, di tích của phường")
    rules = [
        ("Tin mới về danh thắng của phường", AlertKind.MATCH, Frequency.IMMEDIATE, landmarks),
        ("Tin mới về Quy Nhơn (tổng hợp mỗi giờ)", AlertKind.MATCH, Frequency.HOURLY, quy_nhon),
        ("Đột biến tin về Quy Nhơn", AlertKind.SPIKE, Frequency.IMMEDIATE, quy_nhon),
        (
            "Tin tiêu cực về chủ đề nhạy cảm",
            AlertKind.NEGATIVE_SENSITIVE,
            Frequency.IMMEDIATE,
            None,
        ),
        (
            "Báo nước ngoài lần đầu nhắc đến Quy Nhơn",
            AlertKind.FOREIGN_FIRST,
            Frequency.IMMEDIATE,
            quy_nhon,
        ),
    ]
    for name, kind, frequency, watchlist in rules:
        AlertRule.objects.update_or_create(
            name=name,
            defaults={
                "kind": kind,
                "frequency": frequency,
                "watchlist": watchlist,
                "channel": Channel.IN_APP,
                # The demo's items arrive at once: one alert per landmark item, not one an hour.
                "throttle_minutes": 0 if frequency == Frequency.IMMEDIATE else 60,
            },
        )
    permissions_grant()
    _analyse_demo_items()
    log(
        f"insights: {Watchlist.objects.count()} danh sách theo dõi, {Topic.objects.count()} chủ "
        f"đề, {AlertRule.objects.count()} quy tắc cảnh báo, {Alert.objects.count()} cảnh báo"
    )


def _analyse_demo_items() -> None:
    """The monitoring demo's items were analysed before the watchlists, topics and rules above
    existed (apps load in dependency order): analyse them again, as the pipeline's analyse and
    alert stages do, so topics and matches are filled in and the rules raise their alerts; then
    run the spike check the schedule runs. Their stories are linked again too: without the
    watchlists' aliases, "Gia Lai" and "Quy Nhon" were read as two names each, enough to join
    stories of unrelated events (an office sets its watchlists up before its first items)."""
    unmatched = Item.objects.filter(analysis__topic__isnull=True).values_list("id", flat=True)
    if ids := list(unmatched):
        stories = set(Item.objects.filter(pk__in=ids).values_list("story", flat=True))
        Item.objects.filter(story__in=stories).update(story=None)
        Story.objects.filter(pk__in=stories).delete()
        items_analyse(item_ids=ids)
    spikes_detect()
