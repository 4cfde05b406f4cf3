"""One story across outlets and languages: linking through the analyse stage, the origin trace,
and `manage.py eval_stories` on the hand-written hard cases of bench/data/stories_hard."""

import io
import json
import re
from datetime import UTC, timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone

from lantoa.core.models import User
from lantoa.core.tests.pagination import pagination_count
from lantoa.monitoring.models import Story

from ..ml.linking import StoryIndex, cluster, story_keys
from ..selectors import story_trace
from ..services import items_analyse
from .factories import SourceFactory, WatchlistFactory, indexed_items

HARD = Path(__file__).resolve().parents[3] / "bench" / "data" / "stories_hard"
HARDER = HARD.parent / "stories_harder"
WORDS = HARD.parent / "stories_words"


def _eval_stories(folder: Path) -> dict:
    """`manage.py eval_stories --json` on one of our hand-written sets."""
    out = io.StringIO()
    call_command(
        "eval_stories",
        "--docs", str(folder / "docs.jsonl"), "--pairs", str(folder / "pairs.jsonl"),
        "--aliases", str(folder / "aliases.txt"), "--json", stdout=out,
    )  # fmt: skip
    return json.loads(out.getvalue())


def test_keys_survive_translation_and_transliteration():
    aliases = {"quy nhon": "1", "归仁": "1", "クイニョン": "1"}
    vi = story_keys(
        "Bão đổ bộ Quy Nhơn ngày 2/10", "Sơ tán 1.372.000 lít dầu ở Karachi", "vi", aliases
    )
    ja = story_keys("クイニョンに台風", "10月2日、カラチで137万2000リットル", "ja", aliases)
    zh = story_keys("台风登陆归仁", "", "zh", aliases)
    shared = vi & ja
    assert {"a:1", "d:10-2", "n:1372000", "g:Asia/Karachi"} <= shared  # a city of the gazetteer
    assert "a:1" in zh
    # The watched place's own spellings count once, as the alias.
    assert not any(k.startswith("s:") and k in zh for k in vi)
    # Vietnamese stop words are dropped although words are compared without diacritics.
    assert "w:vi:ngay" not in vi and "w:vi:bao" in vi


def test_eval_stories_on_the_hard_cases():
    figures = _eval_stories(HARD)
    assert figures["precision"] == 1.0  # the same place with another event never joins
    assert figures["f1"] >= 0.75 and figures["documents"] == 16


def test_hanviet_keys_meet_across_scripts():
    vi = story_keys(
        "Hợp tác giáo dục với Đại học Quốc gia",
        "nghiên cứu khoa học về kinh tế biển, về an ninh",
        "vi",
        hanviet=True,
    )
    zh = story_keys("国家大学签署教育合作协议", "海洋经济科学研究", "zh", hanviet=True)
    ja = story_keys("国家大学と教育協力協定", "海洋経済の科学研究", "ja", hanviet=True)
    wanted = {"h:giao_duc", "h:quoc_gia", "h:dai_hoc", "h:khoa_hoc", "h:nghien_cuu", "h:kinh_te"}
    assert wanted <= vi
    assert wanted <= zh  # 经济 (simplified)
    assert wanted <= ja  # 経済: the Japanese shinjitai read through its traditional form 經濟
    assert "h:hop_tac" in vi & zh and "h:hop_tac" not in ja  # ja writes 協力 (hiệp lực)
    # Adjacent syllables that are no Chinese word make no key ("về an").
    assert "h:ve_an" not in vi
    # Off unless asked for: claim matching keeps its keys.
    assert not any(key.startswith("h:") for key in story_keys("国家大学", "", "zh"))


def test_hanviet_links_a_story_that_shares_no_number_or_name():
    docs = [
        (
            1,
            "vi",
            "Ký kết hợp tác giáo dục với Đại học Quốc gia",
            "Nghiên cứu khoa học kinh tế biển.",
        ),
        (2, "vi", "Giá xăng giảm từ chiều nay", "Liên bộ điều chỉnh giá bán lẻ xăng dầu."),
        (3, "zh", "国家大学签署教育合作协议", "双方将在海洋经济科学研究方面开展合作。"),
    ]
    assert cluster(docs) == {1: 1, 2: 2, 3: 1}
    assert cluster(docs, hanviet=False)[3] == 3  # without the readings it stays alone


def test_the_watched_place_and_its_country_are_no_evidence_of_one_event():
    """Foreign coverage of a Vietnamese ward names the ward and Vietnam whatever the event: two
    items that share only these are two stories, however few items the index holds (a new
    install, the demo), until they share a fact of the event (here a number and a date)."""
    aliases = {"quy nhon": "1", "quy nhơn": "1"}
    docs = [
        (1, "en", "Quy Nhon, Vietnam, opens a marina", "Yachts can moor in the bay from May."),
        (2, "fr", "Quy Nhon (Vietnam) mise sur l'éolien en mer", "Des études sont en cours."),
        (3, "vi", "Quy Nhơn, Việt Nam: bão đổ bộ", "Ngày 2/10, 3.200 hộ dân được sơ tán."),
        (4, "en", "Typhoon hits Quy Nhon, Vietnam", "On October 2, 3,200 households evacuated."),
    ]
    assert cluster(docs, aliases=aliases) == {1: 1, 2: 2, 3: 3, 4: 3}


def test_a_rubric_tag_before_a_title_or_an_article_is_not_read():
    """An outlet's "[Video]" or "(Dân trí) -" stands before unrelated stories alike."""
    docs = [
        (1, "vi", "[Video] Cháy chợ đêm", "(Dân trí) - Một đám cháy bùng phát tại chợ đêm."),
        (2, "vi", "[Video] Khai giảng năm học", "(Dân trí) - Học sinh cả nước dự lễ khai giảng."),
    ]
    assert cluster(docs) == {1: 1, 2: 2}
    keys = story_keys("[Video] Cháy chợ đêm", "(Dân trí) - Một đám cháy bùng phát.", "vi")
    assert not {"l:video", "w:vi:video", "w:vi:dan", "w:vi:tri"} & keys


def test_a_close_runner_up_keeps_the_item_apart():
    index = StoryIndex(threshold=0.1, margin=1.3)
    keys = frozenset({"n:3200", "n:45", "d:10-2"})
    index.add(1, 1, frozenset({"n:3200", "n:45"}), "en")
    index.add(2, 2, frozenset({"n:3200", "d:10-2"}), "fr")
    story, score = index.best(keys, "vi")
    assert story is None and score > 0.1  # two stories fit about as well: neither is chosen
    assert StoryIndex(threshold=0.1, margin=1.0, docs=index.docs, postings=index.postings,
                      df=index.df).best(keys, "vi")[0] in {1, 2}  # fmt: skip


def test_eval_stories_on_the_harder_cases():
    figures = _eval_stories(HARDER)
    # The look-alikes (shared compounds, the port's 50,000 tonnes) never join.
    assert figures["precision"] == 1.0
    assert figures["recall"] >= 0.8 and figures["documents"] == 11


def test_eval_stories_on_names_and_numbers_written_differently():
    figures = _eval_stories(WORDS)
    # Phần Lan / フィンランド, 8,5 tỷ / 85億, tháng Mười Một / 11月 link; the Russian visit and the
    # Busan festival (one number in common) stay apart.
    assert figures["precision"] == 1.0 and figures["recall"] == 1.0
    assert figures["stories"] == 4


@pytest.mark.django_db
def test_foreign_coverage_joins_the_local_story_with_its_trace():
    WatchlistFactory()
    now = timezone.now()
    local = SourceFactory(name="Báo Gia Lai", country="VN")
    reuters = SourceFactory(name="Wire EN", outlet_type="foreign_press", country="GB")
    nhk = SourceFactory(name="Wire JA", outlet_type="foreign_press", country="JP")
    first = indexed_items(
        {
            "title": "Bão số 12 đổ bộ Quy Nhơn, 3.200 hộ dân được sơ tán",
            "text": "Sáng 2/10 bão đổ bộ; 3.200 hộ dân và 45 tàu cá đã vào nơi an toàn.",
            "source": local, "language": "vi", "published_at": now - timedelta(hours=6),
        },
    )  # fmt: skip
    items_analyse(item_ids=[i.pk for i in first], raise_alerts=False)
    later = indexed_items(
        {
            "title": "Typhoon hits Quy Nhon, 3,200 households evacuated",
            "text": "The storm made landfall on October 2; 45 fishing boats took shelter.",
            "source": reuters, "language": "en", "published_at": now - timedelta(hours=3),
        },
        {
            "title": "クイニョンに台風上陸、3200世帯が避難",
            "text": "10月2日朝、台風が上陸し、漁船45隻が避難した。",
            "source": nhk, "language": "ja", "published_at": now - timedelta(hours=1),
        },
        {
            "title": "Quy Nhon beaches draw record crowds",
            "text": "The city welcomed 620,000 visitors in September.",
            "source": reuters, "language": "en", "published_at": now,
        },
    )  # fmt: skip
    items_analyse(item_ids=[i.pk for i in later], raise_alerts=False)
    for item in [*first, *later]:
        item.refresh_from_db()
    story = first[0].story
    assert later[0].story == story and later[1].story == story
    assert later[2].story != story  # same place, another event
    story = Story.objects.get(pk=story.pk)
    assert story.item_count == 3
    assert story.first_seen_at == first[0].published_at
    assert story.foreign_at == later[0].published_at

    trace = story_trace(story)
    assert trace["first"]["outlet"] == "Báo Gia Lai" and trace["local"]
    assert [s["outlet"] for s in trace["outlets"]] == ["Báo Gia Lai", "Wire EN", "Wire JA"]
    assert [s["language"] for s in trace["languages"]] == ["vi", "en", "ja"]
    assert trace["abroad"]["outlet"] == "Wire EN"
    # Shown to staff by name: "Vương quốc Anh, Tiếng Anh", never "GB, en".
    assert [(s["country_name"], s["language_name"]) for s in trace["outlets"]] == [
        ("Việt Nam", "Tiếng Việt"), ("Vương quốc Anh", "Tiếng Anh"), ("Nhật Bản", "Tiếng Nhật")
    ]  # fmt: skip
    client = Client()
    client.force_login(User.objects.create_superuser("chuoitin", "c@example.org", "x"))
    page = client.get(reverse("insights_story:inspect", args=[story.pk])).content.decode()
    assert "Wire EN</strong> (Vương quốc Anh, Tiếng Anh)" in page
    assert "Tiếng Việt (" in page and "→ Tiếng Nhật (" in page
    assert "(GB, en" not in page and "(JP, ja" not in page
    # The page's fields say the office's time (Wagtail's inspect view printed UTC), in Vietnamese.
    fields = dict(re.findall(r"<dt>([^<]*)</dt>\s*<dd>\s*([^<]*?)\s*<", page))
    assert fields["Xuất hiện lần đầu"] == formats.localize(timezone.localtime(story.first_seen_at))
    assert fields["Xuất hiện lần đầu"] != formats.localize(story.first_seen_at.astimezone(UTC))
    assert fields["Đã cảnh báo lan ra nước ngoài lúc"] == "—"


@pytest.mark.django_db
def test_a_domestic_page_posting_in_english_is_where_the_story_went_abroad():
    """The outlet list keeps each outlet's first item; the story's first foreign item can be a
    later one of an outlet already listed, and the trace (and the pickup alert) must find it."""
    WatchlistFactory()
    now = timezone.now()
    page = SourceFactory(name="Trang phường", country="VN")
    [vi] = indexed_items(
        {
            "title": "Quy Nhơn khai mạc lễ hội biển ngày 20/6 với 35 đội thuyền",
            "text": "Lễ hội biển Quy Nhơn ngày 20/6 có 35 đội thuyền tham gia đua.",
            "source": page, "language": "vi", "published_at": now - timedelta(hours=4),
        },
    )  # fmt: skip
    items_analyse(item_ids=[vi.pk], raise_alerts=False)
    [en] = indexed_items(
        {
            "title": "Quy Nhon opens its sea festival on June 20 with 35 boat teams",
            "text": "The Quy Nhon sea festival on June 20 has 35 boat teams racing.",
            "source": page, "language": "en", "published_at": now - timedelta(hours=1),
        },
    )  # fmt: skip
    items_analyse(item_ids=[en.pk], raise_alerts=False)
    en.refresh_from_db()
    vi.refresh_from_db()
    assert en.story_id == vi.story_id
    trace = story_trace(Story.objects.get(pk=vi.story_id))
    assert [s["outlet"] for s in trace["outlets"]] == ["Trang phường"]
    assert trace["local"] and trace["abroad"]["item_id"] == en.pk


@pytest.mark.django_db
def test_an_item_that_matches_a_batch_mate_joins_the_story_the_mate_joined():
    """The second English item is closest to the first English item of its own batch, which
    joined the Vietnamese story: it joins that story too (not a story of its own)."""
    WatchlistFactory()
    now = timezone.now()
    local = SourceFactory(name="Báo Bình Định", country="VN")
    wire = SourceFactory(name="Wire EN", outlet_type="foreign_press", country="GB")
    other = SourceFactory(name="Wire EN 2", outlet_type="foreign_press", country="US")
    [vi] = indexed_items(
        {
            "title": "Quy Nhơn khánh thành cầu Thị Nại 2 dài 2.470 m",
            "text": "Ngày 18/9, cầu Thị Nại 2 vốn 1.260 tỷ đồng được đưa vào sử dụng.",
            "source": local, "language": "vi", "published_at": now - timedelta(hours=5),
        },
    )  # fmt: skip
    items_analyse(item_ids=[vi.pk], raise_alerts=False)
    opening = (
        "The new bridge links the port city with the peninsula across the lagoon, cuts travel "
        "time for commuters, fishermen and tourists, and replaces an old ferry crossing that "
        "often closed during storms."
    )
    batch = indexed_items(
        {
            "title": "Quy Nhon opens 2,470 m Thi Nai bridge on September 18", "text": opening,
            "source": wire, "language": "en", "published_at": now - timedelta(hours=2),
        },
        {
            # Nothing here survives translation: only the English batch-mate links it.
            "title": "Lagoon bridge opens to traffic", "text": opening,
            "source": other, "language": "en", "published_at": now - timedelta(hours=1),
        },
    )  # fmt: skip
    items_analyse(item_ids=[i.pk for i in batch], raise_alerts=False)
    for item in [vi, *batch]:
        item.refresh_from_db()
    assert batch[0].story_id == vi.story_id
    assert batch[1].story_id == vi.story_id
    assert Story.objects.get(pk=vi.story_id).item_count == 3


@pytest.mark.django_db
def test_a_story_born_in_one_batch_has_its_figures_and_its_crossing_at_once():
    """Local coverage and, later, foreign coverage of one event arrive in the same batch: the
    new story counts both, starts with the local item, went abroad with the foreign one, and is
    returned as crossed (the pickup alert); a story whose foreign item came first did not
    cross."""
    from lantoa.monitoring.models import Item

    from ..services.stories import stories_link

    now = timezone.now()
    local = SourceFactory(name="Báo Bình Định", country="VN")
    wire = SourceFactory(name="Wire EN", outlet_type="foreign_press", country="GB")
    bridge_vi = {
        "title": "Quy Nhơn khánh thành cầu Thị Nại 2 dài 2.470 m",
        "text": "Ngày 18/9, cầu Thị Nại 2 vốn 1.260 tỷ đồng được đưa vào sử dụng.",
        "source": local, "language": "vi",
    }  # fmt: skip
    bridge_en = {
        "title": "Quy Nhon opens 2,470 m Thi Nai bridge on September 18",
        "text": "The bridge cost 1,260 billion dong.", "source": wire, "language": "en",
    }  # fmt: skip
    festival_en = {
        "title": "Kite festival draws 12,500 to Quy Nhon beach on May 3",
        "text": "Teams from 14 countries flew 380 kites.", "source": wire, "language": "en",
    }  # fmt: skip
    festival_vi = {
        "title": "Lễ hội diều ngày 3/5 thu hút 12.500 người đến bãi biển Quy Nhơn",
        "text": "Đội diều của 14 quốc gia thả 380 con diều.", "source": local, "language": "vi",
    }  # fmt: skip
    items = indexed_items(
        {**bridge_vi, "published_at": now - timedelta(hours=6)},
        {**bridge_en, "published_at": now - timedelta(hours=2)},
        {**festival_en, "published_at": now - timedelta(hours=5)},
        {**festival_vi, "published_at": now - timedelta(hours=1)},
    )
    items = list(Item.objects.filter(pk__in=[i.pk for i in items]).select_related("source"))
    crossed = stories_link(items)
    by_title = {item.title: item for item in items}
    bridge = Story.objects.get(pk=by_title[bridge_vi["title"]].story_id)
    festival = Story.objects.get(pk=by_title[festival_vi["title"]].story_id)
    assert by_title[bridge_en["title"]].story_id == bridge.pk
    assert by_title[festival_en["title"]].story_id == festival.pk != bridge.pk
    assert bridge.item_count == festival.item_count == 2
    assert bridge.first_seen_at == now - timedelta(hours=6)
    assert bridge.last_seen_at == bridge.foreign_at == now - timedelta(hours=2)
    assert festival.first_seen_at == festival.foreign_at == now - timedelta(hours=5)
    assert [story.pk for story in crossed] == [bridge.pk]


@pytest.mark.django_db(transaction=True)
def test_linking_forgets_a_rolled_back_batch():
    """A batch linked in a transaction that then failed leaves entries in the worker's memory;
    the next batch must not join the story that never reached the database."""
    from django.db import transaction

    WatchlistFactory()
    now = timezone.now()
    source = SourceFactory(name="Báo Gia Lai", country="VN")
    spec = {
        "title": "Bão số 12 đổ bộ Quy Nhơn, 3.200 hộ dân được sơ tán",
        "text": "Sáng 2/10 bão đổ bộ; 3.200 hộ dân và 45 tàu cá đã vào nơi an toàn.",
        "source": source, "language": "vi", "published_at": now - timedelta(hours=3),
    }  # fmt: skip
    with pytest.raises(RuntimeError), transaction.atomic():
        lost = indexed_items(spec)
        items_analyse(item_ids=[i.pk for i in lost], raise_alerts=False)
        lost_story = lost[0].story_id
        raise RuntimeError("the poll failed after the analyse stage")
    assert not Story.objects.filter(pk=lost_story).exists()
    [again] = indexed_items({**spec, "published_at": now})
    items_analyse(item_ids=[again.pk], raise_alerts=False)
    again.refresh_from_db()
    assert again.story_id is not None
    assert Story.objects.get(pk=again.story_id).item_count == 1


@pytest.mark.django_db
def test_the_story_list_is_counted_up_to_its_cap_as_the_item_list_is(client, monkeypatch):
    from lantoa.core.paginators import CachedCountPaginator

    monkeypatch.setattr(CachedCountPaginator, "CAP", 30)
    Story.objects.bulk_create(Story(title=f"Chuỗi tin số {n}") for n in range(35))
    client.force_login(User.objects.create_superuser("dem", "d@example.org", "x"))
    page = client.get(reverse("insights_story:index")).content.decode()
    assert pagination_count(page) == "Hơn 30 chuỗi tin"


def _typhoon(now, **fields):
    return {
        "title": "Bão số 12 đổ bộ Quy Nhơn, 3.200 hộ dân được sơ tán",
        "text": "Sáng 2/10 bão đổ bộ; 3.200 hộ dân và 45 tàu cá đã vào nơi an toàn.",
        "language": "vi",
        **fields,
    }


@pytest.mark.django_db
def test_a_story_copied_by_many_outlets_is_still_found_by_its_foreign_coverage():
    """Seventy outlets republish the local story (MinHash folds each copy into it at ingest):
    the copies lead nowhere the original does not, so they add no keys, and the story's names
    and numbers stay specific enough (under MAX_POSTINGS items each) for the foreign coverage
    to find it."""
    from ..ml.linking import MAX_POSTINGS

    WatchlistFactory()
    now = timezone.now()
    [first] = indexed_items(
        _typhoon(now, source=SourceFactory(name="Báo Gia Lai", country="VN"),
                 published_at=now - timedelta(hours=8)),
    )  # fmt: skip
    items_analyse(item_ids=[first.pk], raise_alerts=False)
    first.refresh_from_db()
    outlets = MAX_POSTINGS + 6
    copies = indexed_items(
        *[
            _typhoon(now, source=SourceFactory(name=f"Báo {n}", country="VN"),
                     published_at=now - timedelta(hours=7, minutes=n), story=first.story)
            for n in range(outlets)
        ]
    )  # fmt: skip
    for start in range(0, outlets, 20):
        items_analyse(item_ids=[c.pk for c in copies[start : start + 20]], raise_alerts=False)
    [abroad] = indexed_items(
        {
            "title": "Typhoon hits Quy Nhon, 3,200 households evacuated",
            "text": "The storm made landfall on October 2; 45 fishing boats took shelter.",
            "source": SourceFactory(name="Wire EN", outlet_type="foreign_press", country="GB"),
            "language": "en", "published_at": now - timedelta(hours=3),
        },
    )  # fmt: skip
    items_analyse(item_ids=[abroad.pk], raise_alerts=False)
    abroad.refresh_from_db()
    assert abroad.story_id == first.story_id
    assert Story.objects.get(pk=first.story_id).item_count == outlets + 2
