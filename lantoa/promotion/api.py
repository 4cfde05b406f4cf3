"""REST API of promotion: the editorial calendar (campaigns and planned content) and the posts
the office made on outside channels with their reach — read-only, with the admin's filters.

The calendar belongs to the whole office (no unit owns it), so access is by model permission,
as in the admin: `promotion.view_<model>` (editors and leaders), else 403 with a Vietnamese
message. The public site's pages are read on the site itself and its feeds.
"""

from datetime import date, datetime

from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from lantoa.core.api import ERRORS, MAX_LIMIT, MAX_OFFSET, UtcDatetime, require_perm

from .constants import CampaignKind, Channel, PlanState
from .models import Campaign, ChannelPost, ContentPlanItem

router = Router(tags=["promotion"])

LANGUAGE_PATTERN = r"^[a-z]{2}(-[a-z]{2,4})?$"


class CampaignOut(Schema):
    id: int
    name: str
    kind: str
    starts_on: date
    ends_on: date
    description: str
    items: int


class CampaignDetailOut(CampaignOut):
    items_by_state: dict[str, int]


class PostOut(Schema):
    id: int
    channel: str
    language: str
    url: str
    title: str
    posted_at: datetime
    reach: int
    interactions: int
    source: str
    plan_item_id: int | None


class PlanItemOut(Schema):
    id: int
    title: str
    campaign_id: int | None
    campaign: str | None
    channel: str
    language: str
    theme: str | None
    state: str
    state_label: str
    assignee: str | None
    planned_at: datetime
    page_url: str | None


class PlanItemDetailOut(PlanItemOut):
    notes: str
    posts: list[PostOut]


def _campaign_out(campaign: Campaign) -> dict:
    return {
        "id": campaign.pk,
        "name": campaign.name,
        "kind": campaign.kind,
        "starts_on": campaign.starts_on,
        "ends_on": campaign.ends_on,
        "description": campaign.description,
        "items": campaign.item_count,
    }


def _item_out(item: ContentPlanItem, request) -> dict:
    page = item.page
    return {
        "id": item.pk,
        "title": item.title,
        "campaign_id": item.campaign_id,
        "campaign": item.campaign.name if item.campaign_id else None,
        "channel": item.channel,
        "language": item.language,
        "theme": item.theme.code if item.theme_id else None,
        "state": item.state,
        "state_label": item.get_state_display(),
        "assignee": item.assignee.get_username() if item.assignee_id else None,
        "planned_at": item.planned_at,
        "page_url": page.get_full_url(request) if page and page.live else None,
    }


def _post_out(post: ChannelPost) -> dict:
    return {
        "id": post.pk,
        "channel": post.channel,
        "language": post.language,
        "url": post.url,
        "title": post.title,
        "posted_at": post.posted_at,
        "reach": post.reach,
        "interactions": post.interactions,
        "source": post.source,
        "plan_item_id": post.plan_item_id,
    }


def _campaigns(request):
    require_perm(request, "promotion.view_campaign", _("Bạn không có quyền xem chiến dịch."))
    return Campaign.objects.annotate(item_count=Count("items"))


def _items(request):
    require_perm(
        request, "promotion.view_contentplanitem", _("Bạn không có quyền xem lịch biên tập.")
    )
    return ContentPlanItem.objects.select_related("campaign", "theme", "assignee", "page")


@router.get("/promotion/campaigns", response={200: list[CampaignOut], **ERRORS})
def campaigns_list(
    request,
    kind: CampaignKind | None = None,
    on: date | None = None,
    limit: int = Query(100, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
):
    """Campaigns of the editorial calendar, latest start first; `on` keeps those running that
    day."""
    campaigns = _campaigns(request)
    if kind:
        campaigns = campaigns.filter(kind=kind)
    if on:
        campaigns = campaigns.filter(starts_on__lte=on, ends_on__gte=on)
    return [_campaign_out(c) for c in campaigns[offset : offset + limit]]


@router.get("/promotion/campaigns/{campaign_id}", response={200: CampaignDetailOut, **ERRORS})
def campaigns_detail(request, campaign_id: int):
    """One campaign with its planned content counted by state."""
    campaign = get_object_or_404(_campaigns(request), pk=campaign_id)
    by_state = {state.value: 0 for state in PlanState}
    for row in campaign.items.order_by().values("state").annotate(n=Count("pk")):
        by_state[row["state"]] = row["n"]
    return {**_campaign_out(campaign), "items_by_state": by_state}


@router.get("/promotion/plan-items", response={200: list[PlanItemOut], **ERRORS})
def plan_items_list(
    request,
    campaign: int | None = Query(None, ge=1, le=2**63 - 1),
    channel: Channel | None = None,
    language: str | None = Query(None, pattern=LANGUAGE_PATTERN),
    state: PlanState | None = None,
    since: UtcDatetime | None = None,
    until: UtcDatetime | None = None,
    limit: int = Query(100, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
):
    """Planned content in the order it is due to go out; filter by campaign, channel, language,
    state and planned time (`since`, `until`, ISO 8601)."""
    items = _items(request)
    if campaign is not None:
        items = items.filter(campaign_id=campaign)
    if channel:
        items = items.filter(channel=channel)
    if language:
        items = items.filter(language=language)
    if state:
        items = items.filter(state=state)
    if since:
        items = items.filter(planned_at__gte=since)
    if until:
        items = items.filter(planned_at__lte=until)
    return [_item_out(item, request) for item in items[offset : offset + limit]]


@router.get("/promotion/plan-items/{item_id}", response={200: PlanItemDetailOut, **ERRORS})
def plan_items_detail(request, item_id: int):
    """One piece of planned content with its notes and the posts recorded for it."""
    item = get_object_or_404(_items(request), pk=item_id)
    return {
        **_item_out(item, request),
        "notes": item.notes,
        "posts": [_post_out(post) for post in item.posts.all()],
    }


@router.get("/promotion/posts", response={200: list[PostOut], **ERRORS})
def posts_list(
    request,
    channel: Channel | None = None,
    language: str | None = Query(None, pattern=LANGUAGE_PATTERN),
    since: UtcDatetime | None = None,
    until: UtcDatetime | None = None,
    limit: int = Query(100, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
):
    """Posts on outside channels with the reach and interactions the platforms reported,
    newest first; filter by channel, language and time posted."""
    require_perm(
        request, "promotion.view_channelpost", _("Bạn không có quyền xem bài đăng trên các kênh.")
    )
    posts = ChannelPost.objects.all()
    if channel:
        posts = posts.filter(channel=channel)
    if language:
        posts = posts.filter(language=language)
    if since:
        posts = posts.filter(posted_at__gte=since)
    if until:
        posts = posts.filter(posted_at__lte=until)
    return [_post_out(post) for post in posts[offset : offset + limit]]
