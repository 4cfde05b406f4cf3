"""Country and city names in six languages, one key per place: "Nga", "Russia", "ロシア",
"俄罗斯" and "러시아" all give `g:RU`; "Tokyo", "東京", "东京" and "도쿄" give `g:Asia/Tokyo`.

Vietnamese writes many countries with Sino-Vietnamese names (Nga, Pháp, Úc, Phần Lan) that no
transliteration of the Japanese or Korean spelling reaches, and Japanese writes some cities in
kanji (東京); a gazetteer is the only bridge. The names come from the Unicode CLDR data that
`babel` ships (territory names, and the exemplar cities of the time zones), read once per
process; EXTRA adds the short forms the press uses beside CLDR's official ones ("Mỹ", "米国",
"Anh Quốc", "国連").
"""

from __future__ import annotations

import functools
import re

LANGUAGES = ("vi", "en", "fr", "ja", "zh_Hans", "zh_Hant", "ko")
# Short forms the press writes beside CLDR's names (CLDR key → spellings).
EXTRA = {
    "US": ("Mỹ", "nước Mỹ", "U.S.", "USA", "America", "アメリカ", "米国", "美國"),
    "GB": ("Anh Quốc", "nước Anh", "Britain", "UK", "England", "Angleterre", "英国", "英國"),
    "AU": ("Úc", "nước Úc", "豪州"),
    "KR": ("Korea", "Hàn", "한국"),
    "KP": ("Bắc Triều Tiên", "North Korea", "朝鲜"),
    "HK": ("Hồng Kông", "Hong Kong", "香港", "홍콩"),
    "PS": ("Palestine", "パレスチナ", "巴勒斯坦", "팔레스타인"),
    "RU": ("Nga",),
    "UN": ("Liên Hợp Quốc", "Liên Hiệp Quốc", "United Nations", "ONU", "国連", "유엔"),
    "Europe/London": ("Luân Đôn",),
    "Europe/Moscow": ("Moscow", "Mát-xcơ-va", "Matxcơva"),
}
# Territories that are no place a story happens in, and CLDR regions too wide to tell stories
# apart ("Thế giới" / 世界 is a word, not a place).
SKIPPED = frozenset({"001", "ZZ", "QO", "EZ", "XA", "XB"})
# Korean two-syllable names that are also common words or word endings (이란 "so-called", 인도
# "sidewalk", 수단 "means", 오만 "arrogance", 가자 "let's go", -건지, -리가 …): never matched.
KOREAN_AMBIGUOUS = frozenset(
    {"가나", "가자", "건지", "기니", "다카", "딜리", "로메", "리가", "리마", "마헤", "말리", "모슨",
     "방기", "살타", "세계", "수단", "쇼와", "오랄", "오만", "이란", "인도", "저지", "주노", "주바",
     "차드", "치타", "칸톤", "토고", "통가", "툴레", "트롤", "파머", "퍼스", "팀부"}
)  # fmt: skip
# Exemplar cities that are also names or words ("Darwin", "Regina", "Christmas").
CITY_SKIPPED = frozenset(
    {"Christmas", "Easter", "Darwin", "Regina", "Dawson", "Casey", "Davis", "Palmer", "Troll",
     "Wake", "Cayenne", "Nome", "Eucla", "Currie", "Mawson", "Vostok", "Macquarie", "Center"}
)  # fmt: skip
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def _city_names() -> dict[str, list[str]]:
    """Time-zone id → the city's names (CLDR exemplar cities; Latin-script languages that give
    none write the English name, which the zone id spells)."""
    from babel import Locale

    found: dict[str, list[str]] = {}
    for language in LANGUAGES:
        for zone, names in Locale.parse(language).time_zones.items():
            city = names.get("city")
            if city and zone.count("/") == 1 and not zone.startswith(("Antarctica", "Etc")):
                found.setdefault(zone, []).append(city)
    for zone in found:
        found[zone].append(zone.split("/")[1].replace("_", " "))
    return found


@functools.cache
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern, dict[str, str]]:
    """(CJK names, Latin single words matched with their case, Latin phrases lower-cased (matched
    in the lower-cased text), folded spelling → key)."""
    from babel import Locale

    spellings: dict[str, str] = {}
    for language in LANGUAGES:
        for code, name in Locale.parse(language).territories.items():
            if code not in SKIPPED and "(" not in name and "（" not in name:
                spellings.setdefault(name, code)
    for zone, names in _city_names().items():
        for name in names:
            if name not in CITY_SKIPPED and "," not in name:
                spellings.setdefault(name, zone)
    for code, names in EXTRA.items():
        for name in names:
            spellings[name] = code
    cjk, single, phrases, keys = [], [], [], {}
    for name, code in spellings.items():
        if _CJK.search(name):
            hangul = re.fullmatch(r"[\uac00-\ud7af]{2}", name)
            if len(name) < 2 or (hangul and name in KOREAN_AMBIGUOUS):
                continue
            cjk.append(name)
        elif " " in name or "-" in name:
            phrases.append(name)
        elif len(name) >= 2:
            single.append(name)
        keys[_normal(name)] = code
    return (
        re.compile(_trie(cjk)),
        re.compile(rf"(?<!\w){_trie(single)}(?!\w)"),
        re.compile(rf"(?<!\w){_trie(_normal(name) for name in phrases)}(?!\w)"),
        keys,
    )


def _trie(names) -> str:
    """One regular expression for many names, their common prefixes shared (a trie): at each
    position of a text the engine follows one branch instead of trying ~2,000 names in turn."""
    root: dict = {}
    for name in names:
        node = root
        for char in name:
            node = node.setdefault(char, {})
        node[""] = {}
    return _branch(root)


def _branch(node: dict) -> str:
    alternatives = [
        (r"[\s\-]+" if char in " -" else re.escape(char)) + _branch(child)
        for char, child in sorted(node.items())
        if char
    ]
    if not alternatives:
        return ""
    ends = "" in node
    if len(alternatives) == 1 and not ends:
        return alternatives[0]
    # The longer name is tried first: the group is greedy.
    return f"(?:{'|'.join(alternatives)}){'?' if ends else ''}"


def _normal(name: str) -> str:
    return " ".join(re.split(r"[\s\-]+", name)).casefold()


def place_keys(body: str) -> tuple[set[str], str]:
    """The `g:` keys of the places a text names, and the text with those names blanked out
    (so that their letters make no name skeleton besides)."""
    cjk, single, phrases, keys = _patterns()
    found: set[str] = set()

    def take(match: re.Match) -> str:
        key = keys.get(_normal(match.group()))
        if key is None:
            return match.group()
        found.add(f"g:{key}")
        return " · "

    # Phrases are matched in the lower-cased text (a case-insensitive pattern of ~470 names costs
    # 2.5 times as much), where every character keeps its place, and blanked out in `body`.
    lowered = body.lower()
    if len(lowered) != len(body):  # a letter that lower-cases to two ("İ"): kept as it is
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in body)
    parts, last = [], 0
    for match in phrases.finditer(lowered):
        if (key := keys.get(_normal(match.group()))) is not None:
            found.add(f"g:{key}")
            parts += [body[last : match.start()], " · "]
            last = match.end()
    body = "".join([*parts, body[last:]]) if parts else body
    body = single.sub(take, body)
    if _CJK.search(body):
        body = cjk.sub(take, body)
    return found, body
