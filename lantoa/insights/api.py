"""REST API of insights: watchlists and their matches, an item's reading, stories, the user's
alerts (with read state), trends and spike figures.

Insights belong to the whole ward (no unit owns a watchlist, a story or an alert), so access is by
model permission: `insights.view_<model>`, which monitors, rapid-response members and leaders have
and unit reporters do not. Without it the answer is 403 with a Vietnamese message; an unknown id is
404. Marking alerts read goes through the alert-read services, like the admin inbox.
"""

from datetime import date, datetime
from typing import Annotated

from django.core.exceptions import ValidationError as ModelValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from pydantic import ValidationInfo, WithJsonSchema, field_validator
from pydantic_core import PydanticCustomError

from lantoa.core.api import ERRORS, UtcDatetime, requires_perm
from lantoa.monitoring.models import Item, Story

from . import selectors
from .constants import AlertKind, Channel, Frequency, WebhookFormat
from .models import AlertRule, ItemMatch, Topic, Watchlist
from .services import alert_mark_read, alert_rule_create, alerts_mark_all_read
from .webhooks import webhook_target_error

router = Router(tags=["insights"])


class WatchlistOut(Schema):
    id: int
    name: str
    query: str
    aliases: list[str]
    effective_query: str
    description: str
    is_active: bool
    matches: int


class MatchOut(Schema):
    item_id: int
    title: str
    url: str
    source: str
    language: str
    published_at: datetime | None
    watchlist_id: int
    watchlist: str
    passage: str
    matched_at: datetime


class LabelOut(Schema):
    kind: str
    value: str
    user: str | None
    created_at: datetime


class ItemInsightsOut(Schema):
    item_id: int
    title: str
    url: str
    topic: str | None
    topic_origin: str
    tone: str
    tone_origin: str
    tone_score: float | None
    relevant: bool | None
    inaccurate: bool
    uncertainty: float | None
    story_id: int | None
    matches: list[MatchOut]
    labels: list[LabelOut]


class StoryItemOut(Schema):
    id: int
    title: str
    url: str
    source: str
    language: str
    published_at: datetime | None


class DayCount(Schema):
    day: date
    items: int


class StoryOut(Schema):
    id: int
    title: str
    first_seen_at: datetime
    last_seen_at: datetime
    foreign_at: datetime | None
    items: int
    outlets: list[str]
    languages: list[str]
    tones: dict[str, int]
    spread: list[DayCount]


class TraceStepOut(Schema):
    outlet: str
    country: str
    country_name: str
    outlet_type: str
    language: str
    language_name: str
    at: datetime
    item_id: int
    title: str
    foreign: bool


class TraceOut(Schema):
    first: TraceStepOut | None
    abroad: TraceStepOut | None
    outlets: list[TraceStepOut]
    languages: list[dict]


class StoryDetailOut(StoryOut):
    item_list: list[StoryItemOut]
    trace: TraceOut


class AlertOut(Schema):
    id: int
    kind: str
    title: str
    body: str
    rule: str
    created_at: datetime
    delivered_at: datetime | None
    read: bool
    item_ids: list[int]
    links: list[str]
    payload: dict


class AlertRuleOut(Schema):
    id: int
    name: str
    kind: str
    watchlist_id: int | None
    topic_id: int | None
    frequency: str
    channel: str
    target: str
    webhook_format: str
    chat_id: str
    sensitivity: float
    throttle_minutes: int
    is_active: bool


_NUL = "Không được chứa ký tự NUL."
# promotion's API has a `Channel` enum of its own (publication channels): the OpenAPI document
# keeps one schema per name, so the alert channel is described under a name of its own.
AlertChannel = Annotated[
    Channel,
    WithJsonSchema({"title": "AlertChannel", "type": "string", "enum": list(Channel.values)}),
]


class AlertRuleIn(Schema):
    """A new alert rule. A webhook target must be an http(s) URL outside the office's network
    (checked here, by the model, and again at every delivery)."""

    name: str = Field(min_length=1, max_length=200)
    kind: AlertKind
    watchlist_id: int | None = None
    topic_id: int | None = None
    frequency: Frequency = Frequency.IMMEDIATE
    channel: AlertChannel = Channel.IN_APP
    target: str = Field("", max_length=500)
    webhook_format: WebhookFormat = WebhookFormat.JSON
    chat_id: str = Field("", max_length=100)
    sensitivity: float = Field(3.0, gt=0)
    throttle_minutes: int = Field(60, ge=0)
    is_active: bool = True

    @field_validator("name", "target", "chat_id")
    @classmethod
    def _no_nul(cls, value: str) -> str:
        if "\x00" in value:  # PostgreSQL stores no NUL character
            raise PydanticCustomError("lantoa_message", "{message}", {"message": _NUL})
        return value

    @field_validator("target")
    @classmethod
    def _webhook_target_allowed(cls, value: str, info: ValidationInfo) -> str:
        if info.data.get("channel") == Channel.WEBHOOK and (error := webhook_target_error(value)):
            raise PydanticCustomError("lantoa_message", "{message}", {"message": error})
        return value.strip()


class ReadIn(Schema):
    read: bool = True


class ReadAllOut(Schema):
    marked: int
    unread: int


class SpikeOut(Schema):
    scope: str
    id: int
    name: str
    stream: str
    spike: bool
    current: int
    mean: float
    sigma: float
    threshold: float
    k: float
    window: str
    window_start: datetime


class TrendsOut(Schema):
    period: str
    labels: list[str]
    total: list[int]
    series: dict[str, dict[str, list[int]]]
    forecast: dict | None
    kpi_positive_share: list[float | None]
    kpi_unknown_tone_share: list[float | None]


def _requires(codename: str):
    """403 with a Vietnamese message unless the user has `insights.<codename>`."""
    return requires_perm(f"insights.{codename}", _("Bạn không có quyền xem phân tích dư luận này."))


# The one story concept lives in monitoring (lantoa.monitoring.models.Story).
_requires_story = requires_perm(
    "monitoring.view_story", _("Bạn không có quyền xem phân tích dư luận này.")
)


def _page(queryset, limit: int, offset: int):
    limit = max(1, min(limit, 500))
    offset = max(0, offset)
    return queryset[offset : offset + limit]


def _match_out(match: ItemMatch) -> dict:
    item = match.item
    return {
        "item_id": item.pk,
        "title": item.title,
        "url": item.url,
        "source": item.source.name,
        "language": item.language,
        "published_at": item.published_at,
        "watchlist_id": match.watchlist_id,
        "watchlist": match.watchlist.name,
        "passage": match.passage,
        "matched_at": match.matched_at,
    }


def _story_out(story: Story, *, with_items: bool = False) -> dict:
    summary = selectors.story_summary(story)
    out = {
        "id": story.pk,
        "title": story.title,
        "first_seen_at": story.first_seen_at,
        "last_seen_at": story.last_seen_at,
        "foreign_at": story.foreign_at,
        "items": len(summary["items"]),
        "outlets": summary["outlets"],
        "languages": summary["languages"],
        "tones": summary["tones"],
        "spread": [{"day": day, "items": n} for day, n in summary["spread"]],
    }
    if with_items:
        out["trace"] = selectors.story_trace(story)
        out["item_list"] = [
            {
                "id": item.pk,
                "title": item.title,
                "url": item.url,
                "source": item.source.name,
                "language": item.language,
                "published_at": item.published_at,
            }
            for item in summary["items"]
        ]
    return out


def _alert_out(alert) -> dict:
    items = alert.payload.get("items", [])
    return {
        "id": alert.pk,
        "kind": alert.kind,
        "title": alert.title,
        "body": alert.body,
        "rule": alert.rule.name,
        "created_at": alert.created_at,
        "delivered_at": alert.delivered_at,
        "read": alert.is_read,
        "item_ids": sorted(item.pk for item in alert.items.all()),  # prefetched
        "links": [i["link"] for i in items if i.get("link")],
        "payload": alert.payload,
    }


@router.get("/insights/watchlists", response={200: list[WatchlistOut], **ERRORS})
@_requires("view_watchlist")
def watchlists_list(request, active: bool | None = None):
    """Watchlists with their aliases, the query that is run, and how many items they tagged."""
    watchlists = selectors.watchlists_with_counts()
    if active is not None:
        watchlists = watchlists.filter(is_active=active)
    return [
        {
            "id": w.pk,
            "name": w.name,
            "query": w.query,
            "aliases": w.alias_list(),
            "effective_query": w.effective_query(),
            "description": w.description,
            "is_active": w.is_active,
            "matches": w.match_count,
        }
        for w in watchlists
    ]


@router.get("/insights/watchlists/{watchlist_id}/matches", response={200: list[MatchOut], **ERRORS})
@_requires("view_itemmatch")
def watchlist_matches(request, watchlist_id: int, limit: int = 100, offset: int = 0):
    """Items a watchlist tagged, newest match first, with the highlighted passage (`<mark>`)."""
    watchlist = get_object_or_404(Watchlist, pk=watchlist_id)
    matches = watchlist.matches.select_related("item__source", "watchlist")
    return [_match_out(m) for m in _page(matches, limit, offset)]


@router.get("/insights/items/{item_id}", response={200: ItemInsightsOut, **ERRORS})
@_requires("view_itemmatch")
def item_insights(request, item_id: int):
    """What insights know about one item: watchlist matches, topic, tone (and who decided
    them), relevance, the "inaccurate" flag, its story and the staff labels."""
    item = get_object_or_404(Item.objects.select_related("source"), pk=item_id)
    analysis = getattr(item, "analysis", None)
    matches = item.watchlist_matches.select_related("item__source", "watchlist")
    return {
        "item_id": item.pk,
        "title": item.title,
        "url": item.url,
        "topic": analysis.topic.name if analysis and analysis.topic else None,
        "topic_origin": analysis.topic_origin if analysis else "",
        "tone": analysis.tone if analysis else "",
        "tone_origin": analysis.tone_origin if analysis else "",
        "tone_score": analysis.tone_score if analysis else None,
        "relevant": analysis.relevant if analysis else None,
        "inaccurate": analysis.inaccurate if analysis else False,
        "uncertainty": analysis.uncertainty if analysis else None,
        "story_id": item.story_id,
        "matches": [_match_out(m) for m in matches],
        "labels": [
            {
                "kind": label.kind,
                "value": label.value,
                "user": label.user.username if label.user else None,
                "created_at": label.created_at,
            }
            for label in item.labels.select_related("user")
        ],
    }


@router.get("/insights/stories", response={200: list[StoryOut], **ERRORS})
@_requires_story
def stories_list(request, since: UtcDatetime | None = None, limit: int = 50, offset: int = 0):
    """Stories (clusters of items across outlets and languages), most recently active first."""
    stories = Story.objects.all()
    if since is not None:
        stories = stories.filter(last_seen_at__gte=since)
    return [_story_out(story) for story in _page(stories, min(limit, 100), offset)]


@router.get("/insights/stories/{story_id}", response={200: StoryDetailOut, **ERRORS})
@_requires_story
def story_detail(request, story_id: int):
    """One story: first appearance, spread per day, outlets, languages, tone mix, its items."""
    return _story_out(get_object_or_404(Story, pk=story_id), with_items=True)


@router.get("/insights/alerts", response={200: list[AlertOut], **ERRORS})
@_requires("view_alert")
def alerts_list(request, unread: bool | None = None, limit: int = 100, offset: int = 0):
    """The current user's alerts inbox, newest first; `unread=true` for unread ones only.
    Each alert links to its items (`item_ids`, `links`)."""
    alerts = selectors.alerts_for_user(request.user).prefetch_related("items")
    if unread is not None:
        alerts = alerts.filter(is_read=not unread)
    return [_alert_out(alert) for alert in _page(alerts, limit, offset)]


@router.post("/insights/alerts/read-all", response={200: ReadAllOut, **ERRORS})
@_requires("view_alert")
def alerts_read_all(request):
    """Mark every alert read for the current user."""
    marked = alerts_mark_all_read(user=request.user)
    return {"marked": marked, "unread": selectors.unread_alert_count(request.user)}


@router.post("/insights/alerts/{alert_id}/read", response={200: AlertOut, **ERRORS})
@_requires("view_alert")
def alert_read(request, alert_id: int, payload: ReadIn):
    """Mark one alert read (`{"read": true}`) or unread (`{"read": false}`) for the current user."""
    alert = get_object_or_404(selectors.alerts_for_user(request.user), pk=alert_id)
    alert_mark_read(alert=alert, user=request.user, read=payload.read)
    return _alert_out(get_object_or_404(selectors.alerts_for_user(request.user), pk=alert_id))


def _rule_out(rule: AlertRule) -> dict:
    return {field: getattr(rule, field) for field in AlertRuleOut.model_fields}


@router.get("/insights/alert-rules", response={200: list[AlertRuleOut], **ERRORS})
@_requires("view_alertrule")
def alert_rules_list(request):
    """Alert rules: what raises an alert, and on which channel it is delivered."""
    return [_rule_out(rule) for rule in AlertRule.objects.order_by("name")]


@router.post("/insights/alert-rules", response={201: AlertRuleOut, **ERRORS})
@_requires("add_alertrule")
def alert_rule_add(request, payload: AlertRuleIn):
    """Create an alert rule. A webhook target on a private, loopback or link-local address is
    refused (422 on `target`)."""
    fields = payload.dict()
    watchlist_id, topic_id = fields.pop("watchlist_id"), fields.pop("topic_id")
    try:
        rule = alert_rule_create(
            **fields,
            watchlist=get_object_or_404(Watchlist, pk=watchlist_id) if watchlist_id else None,
            topic=get_object_or_404(Topic, pk=topic_id) if topic_id else None,
            user=request.user,
        )
    except ModelValidationError as exc:
        return 400, {"detail": " ".join(exc.messages)}
    return 201, _rule_out(rule)


@router.get("/insights/trends", response={200: TrendsOut, **ERRORS})
@_requires("view_watchlist")
def trends(request, period: str = "week", watchlist: int | None = None, periods: int = 12):
    """Weekly or monthly volume by topic, tone, language and outlet type; a stated forecast of
    the next period with its 95 % interval; the positive + neutral share per period."""
    if period not in ("week", "month"):
        raise HttpError(400, _("Kỳ phải là week hoặc month."))
    scope = get_object_or_404(Watchlist, pk=watchlist) if watchlist else None
    data = selectors.trends(period=period, watchlist=scope, periods=max(1, min(periods, 104)))
    return {"period": period, **data}


@router.get("/insights/spikes", response={200: list[SpikeOut], **ERRORS})
@_requires("view_watchlist")
def spikes(request, only_spikes: bool = False):
    """Current spike figures per watchlist and topic, news (today vs 14 days) and social posts
    (last hour vs 12): count, trailing mean, σ, threshold = mean + k·σ, and whether it spikes.
    Spike alerts already raised (with what drove them) are in /insights/alerts."""
    rows = selectors.spike_summaries()
    return [row for row in rows if row["spike"]] if only_spikes else rows
