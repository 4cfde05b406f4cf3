"""Cross-outlet, cross-language story linking: which story an item joins.

Each item is reduced to a set of keys that survive translation and transliteration:

- `n:` numbers, written the same in every language once normalised ("1.372.000", "137万2000",
  "1,372,000" and "1,372 triệu" are one number; "千二百", "1천200", "một nghìn hai trăm" another;
  years and counts alike: .numbers);
- `d:` day-month dates ("ngày 5 tháng 3", "ngày 5 tháng Ba", "3月5日", "5/3", "March 5");
- `g:` countries and cities, one key for every language's name ("Nga", ロシア, 俄罗斯: .places);
- `l:` words in Latin script (acronyms and names: "NASCAR", "Lenox"), accents removed;
- `s:` name skeletons: a proper name or a katakana / hangul run transliterated (anyascii) and
  reduced to its consonants, so "Karachi" and カラチ, "Hyderabad" and ハイデラバード, "Johnson"
  and ジョンソン give the same key;
- `a:` watchlist aliases: any spelling of a watched name ("Quy Nhơn", "Quy Nhon", "归仁", "퀴논",
  "クイニョン") gives the watchlist's key;
- `w:` folded words, compared only between items of the same language (other outlets' coverage
  of the same event in Vietnamese, or in English, share their words).

An item joins the story of the most similar earlier item (IDF-weighted overlap of the keys,
normalised by the smaller key set) when the score reaches the threshold and at least two keys are
shared (one number or name in common is chance); otherwise it starts a new story. The index is
an inverted list of keys, so one item costs a look-up per key, not a comparison with every
earlier item.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import itemgetter

from anyascii import anyascii

from lantoa.core.text import fold_lower

from .hanviet import hanviet_keys
from .numbers import date_keys, number_keys
from .places import place_keys

# The version of what `story_keys` returns: keys stored with another version were computed by
# other rules (2: place keys g:, numbers in words and scales, wider name skeletons, Hán-Việt
# syllables with their tone) and must be computed again, not compared with these.
# 3: a leading rubric tag ("[Video]", "(Dân trí) -", "【速報】") is not read; 4: words are read
# from the NFKC text like every other key (full-width letters are letters).
KEYS_VERSION = 4
THRESHOLD = 0.65
MAX_WORDS = 40
_OPENING_CHARS = 600  # a text this short is split whole (40 words take 200-300 characters)
# Within one language, numbers and names weigh this much (words carry the rest).
SAME_LANGUAGE_NAMES = 1.0
MAX_POSTINGS = 64  # a key shared by more items than this is too common to retrieve by
HANVIET_WEIGHT = 4.0
MARGIN = 1.3
MIN_HANVIET_SHARED = 3
MIN_SHARED_KEYS = 2  # one shared number, date or name is chance: a year, "HIV", "50"
# The office's own country: "Vietnam" is in most foreign coverage of a Vietnamese locality, as the
# watched names are in every item of the stream. Across languages neither counts as evidence that
# two items tell one event (they still add to the score of items that share more).
HOME_COUNTRY_KEY = "g:VN"
TOP_CANDIDATES = 30  # items scored in full: those sharing the most weight

# A tag in brackets before a title or an article: "[Video]", "[Ảnh]", "【速報】" before a title,
# "(Dân trí) -", "(VTC News) -" before the text. An outlet puts it before unrelated stories alike.
_RUBRIC = re.compile(r"^\s*(?:[\[【(（〔][^\]】)）〕\n]{1,24}[\]】)）〕]\s*[-–:|]?\s*)+")
_KATAKANA = re.compile(r"[\u30a0-\u30ff\u31f0-\u31ff]+")
_HANGUL = re.compile(r"[\uac00-\ud7af]+")
_KANA_OR_HANGUL = re.compile(r"[\u30a0-\u30ff\u31f0-\u31ff\uac00-\ud7af]")
# A Latin-script word in ASCII of three letters or more that starts with a capital ("NASCAR",
# "Lenox"): a whole run of Latin letters (a run with an accented letter is not one).
_LATIN_NAME = re.compile(r"(?<![A-Za-zÀ-ỹĐđ])[A-Z][A-Za-z]{2,}(?![A-Za-zÀ-ỹĐđ])")
_CAPITAL_RUN = re.compile(r"(?:\b[A-ZĐÀ-Ỹ][^\W\d_]*(?:\s+|$)){1,4}")
_NUMBER = re.compile(r"\d+(?:[.,\s]\d{3})*(?:[.,]\d+)?(?:\s*[万億])?(?:\d+)?")
_WORD = re.compile(r"\w+")
_STOP = frozenset(
    """và của là có cho các những được trong với đã này một người không tại về từ khi đến để
    theo ra sẽ như thì lại cũng vào năm ngày nhưng hay hoặc nó họ đó nào rằng bị bởi mà
    the of and to in a is for on at by with from as that this was were be are has have had it
    its an or but not he she they his her their will would said says le la les de des du et en
    un une est pour sur dans par au aux qui que""".split()  # noqa: SIM905
)
# Words are compared folded (fold_lower: "ngày" → "ngay"), so the stop words are too.
_STOP = frozenset(fold_lower(word) for word in _STOP)
# Transliteration: letters that one language writes where another hears the same sound.
_SKELETON_MAP = str.maketrans(
    {"l": "r", "v": "p", "b": "p", "c": "k", "q": "k", "f": "h", "d": "t", "j": "s", "z": "s"}
)
_SILENT_R = re.compile(r"r+(?![aeiouy])")
_VOWELS = re.compile(r"[aeiouyhw]+")
_NON_LETTER = re.compile(r"[^a-z]")
_DOUBLED = re.compile(r"(.)\1+")


@functools.lru_cache(maxsize=65536)  # names recur across a stream's items
def _skeleton(word: str) -> str:
    """Consonants of a transliterated name, doubled letters collapsed: 'karachi' → 'krt'.

    Letters that one script writes where another hears the same sound share one consonant:
    b/v/p ("Litvinenko" and リトビネンコ), s/z/j ("Rumsfeld" and ラムズフェルド), and ch/t (チ
    writes the "ti" of "Putin" as プーチン). A Latin-script name loses the r that no vowel
    follows, as Japanese and Korean transcriptions of English do ("Starmer" and スターマー).
    """
    latin = word.isascii()
    text = anyascii(word).lower()
    text = _NON_LETTER.sub("", text)
    if latin:
        text = _SILENT_R.sub("", text)
    text = text.replace("ph", "f").replace("th", "t").replace("sh", "s").replace("ch", "t")
    text = text.replace("tsu", "t").replace("ts", "t").replace("x", "ks").replace("g", "k")
    text = text.translate(_SKELETON_MAP)
    text = _VOWELS.sub("", text)
    return _DOUBLED.sub(r"\1", text)


def _name_keys(body: str) -> set[str]:
    """`l:` Latin-script words and `s:` name skeletons of a text."""
    keys: set[str] = set()
    # Names: capitalised runs in alphabetic scripts, katakana and hangul runs.
    names: list[str] = []
    for run in _CAPITAL_RUN.findall(body):
        names.extend(run.split())
    if _KANA_OR_HANGUL.search(body):
        for run in _KATAKANA.findall(body.replace("ッ", "").replace("ー", "")):
            names.extend(part for part in run.split("・") if part)
        names.extend(_HANGUL.findall(body))
    for word in _LATIN_NAME.findall(body):
        keys.add(f"l:{word.lower()}")
        names.append(word)
    for name in names:
        skeleton = _skeleton(name)
        if len(skeleton) >= 3:
            keys.add(f"s:{skeleton}")
    return keys


def story_keys(
    title: str,
    text: str,
    language: str,
    aliases: dict[str, str] | None = None,
    *,
    hanviet: bool = False,
):
    """The keys of one item (see the module's docstring); `aliases` maps a folded spelling to a
    watchlist key and is matched as a phrase; with `hanviet`, Sino-Vietnamese `h:` keys too."""
    title = unicodedata.normalize("NFKC", _RUBRIC.sub("", title))
    text = unicodedata.normalize("NFKC", _RUBRIC.sub("", text))
    body = f"{title}\n{text}"  # a line break composes with nothing: NFKC and folding hold across it
    keys: set[str] = set()
    keys |= number_keys(body)
    keys |= date_keys(body)
    folded_title, folded_text = fold_lower(title), fold_lower(text)
    folded = f"{folded_title}\n{folded_text}"
    watched_keys: set[str] = set()
    place_words: set[str] = set()
    for spelling, key in (aliases or {}).items():
        if spelling in folded:
            keys.add(f"a:{key}")
            # The watched name's own spellings count once, as the alias key.
            watched_keys |= _name_keys(spelling.title())
            place_words.update(_WORD.findall(spelling))
    countries, named = place_keys(body)
    keys |= countries
    keys |= _name_keys(named) - watched_keys
    lang = (language or "").split("-")[0]
    if hanviet:
        keys |= hanviet_keys(named, lang)
    # Words of the title and the opening only: enough to tell two outlets' versions apart from
    # other stories, and the index stays small.
    words = set(_WORD.findall(folded_title))
    words.update(_opening_words(folded_text))
    words -= _STOP
    words -= place_words
    prefix = f"w:{lang}:"
    keys.update(prefix + word for word in words if len(word) > 1 and not word.isdigit())
    return frozenset(map(sys.intern, keys))


def _opening_words(text: str) -> list[str]:
    """The first `MAX_WORDS` words: a short text (a summary) split at once, a page's text
    lazily (not split to its end for 40 words)."""
    if len(text) <= _OPENING_CHARS:
        return _WORD.findall(text)[:MAX_WORDS]
    return [match.group() for match in itertools.islice(_WORD.finditer(text), MAX_WORDS)]


def warm_up() -> None:
    """Read the tables `story_keys` needs (CLDR place names, Hán-Việt readings and compounds,
    transliteration) now, not in a worker's first batch."""
    for language, title, text in (
        ("vi", "Quy Nhơn đón 1.200 du khách Hàn Quốc", "Ngày 5 tháng 3, Tổng thống Putin"),
        ("ja", "クイニョン市", "東京で会議"),
        ("zh", "归仁市", "国际旅游"),
    ):
        story_keys(title, text, language, None, hanviet=True)


def _kind_order(key: str) -> int:
    """Keys other languages can share first (numbers, dates, names), then words, then Hán-Việt
    readings: a document's norms are then three slices of one list of weights."""
    return 1 if key[0] == "w" else 2 if key[0] == "h" else 0


@dataclass(slots=True)
class _Doc:
    story: int
    # A tuple (a third of a frozenset's memory, only ever iterated), in `_kind_order`: the first
    # `n_cross` keys are numbers, dates and names, the next up to `n_same` words, then Hán-Việt.
    keys: tuple[str, ...]
    lang: str
    n_cross: int = 0
    n_same: int = 0
    # Squared IDF weights of all keys and of those other languages can share (no words), as of
    # when the index held `norms_at` items (recomputed as the index grows by a tenth).
    norms: tuple[float, float, float] = (0.0, 0.0, 0.0)
    norms_at: int = -1


class _Idf(dict):
    """Document frequency → squared IDF weight for an index of `total` items, computed on first
    sight (read through `map`, at C speed, for every key of a candidate)."""

    def __init__(self, total: int):
        super().__init__()
        self.total = total

    def __missing__(self, count: int) -> float:
        weight = self[count] = math.log(1 + self.total / (count + 1)) ** 2
        return weight


@dataclass
class StoryIndex:
    """Earlier items' keys in an inverted index (one worker's memory, rebuilt from the database
    for the linking window)."""

    threshold: float = THRESHOLD
    cross_boost: float = 2.5
    hanviet_weight: float = HANVIET_WEIGHT
    margin: float = MARGIN
    docs: dict[int, _Doc] = field(default_factory=dict)
    postings: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    df: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    # Story → how many of its documents have keys: a story the index can be led to.
    findable: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    matched: int | None = None  # the item the last `best` found
    _idf: _Idf = field(default_factory=lambda: _Idf(0), repr=False)

    def _idf_table(self) -> _Idf:
        # The squared IDF of a document frequency, per index size to within half a percent (exact
        # below 400 items): one table serves the next queries as the index grows, where a table
        # per size computed its logarithms again at every item (a weight moves by far less than
        # the norms, which are recomputed only as the index grows by a tenth).
        total = len(self.docs) + 1
        total -= total % max(1, total // 200)
        if total != self._idf.total:
            self._idf = _Idf(total)
        return self._idf

    def _weights(self, keys: Iterable[str]) -> dict[str, float]:
        idf, df = self._idf_table(), self.df
        return {key: idf[df.get(key, 0)] for key in keys}

    @staticmethod
    def _norms(weights: dict[str, float]) -> tuple[float, float, float]:
        same = cross = hanviet = 0.0
        for key, weight in weights.items():
            kind = key[0]  # every key is one letter and a colon ("h:", "w:", …)
            if kind == "h":
                hanviet += weight
                continue
            same += weight
            if kind != "w":
                cross += weight
        return same, cross, hanviet

    def _doc_norms(self, doc: _Doc) -> tuple[float, float, float]:
        """`_norms` of an indexed document: its keys are all in `df`, grouped by kind."""
        weights = list(map(self._idf_table().__getitem__, map(self.df.__getitem__, doc.keys)))
        cross = sum(weights[: doc.n_cross])
        return cross + sum(weights[doc.n_cross : doc.n_same]), cross, sum(weights[doc.n_same :])

    def add(self, doc_id: int, story: int, keys: frozenset[str], lang: str) -> None:
        for key in keys:
            self.df[key] += 1
            self.postings[key].append(doc_id)
        ordered = sorted(keys, key=_kind_order)
        kinds = [key[0] for key in ordered]
        n_words = kinds.count("w")
        n_cross = len(ordered) - n_words - kinds.count("h")
        self.docs[doc_id] = _Doc(
            story, tuple(ordered), sys.intern(lang or ""), n_cross, n_cross + n_words
        )
        if keys:
            self.findable[story] += 1

    def restory(self, doc_id: int, story: int) -> None:
        """Move a document to another story (a placeholder replaced by the stored story)."""
        doc = self.docs[doc_id]
        if doc.keys and doc.story != story:
            self._unfind(doc.story)
            self.findable[story] += 1
        doc.story = story

    def _unfind(self, story: int) -> None:
        left = self.findable[story] - 1
        if left > 0:
            self.findable[story] = left
        else:
            self.findable.pop(story, None)

    def forget(self, doc_ids: Iterable[int]) -> None:
        """Remove documents (deleted items, or the oldest when the index is over its bound).
        Each posting list they are in is rewritten once, however many of them it holds."""
        gone = {doc_id for doc_id in doc_ids if doc_id in self.docs}
        touched: set[str] = set()
        for doc_id in gone:
            doc = self.docs.pop(doc_id)
            if doc.keys:
                self._unfind(doc.story)
            touched.update(doc.keys)
        for key in touched:
            posting = [doc_id for doc_id in self.postings.get(key, ()) if doc_id not in gone]
            if posting:
                self.postings[key], self.df[key] = posting, len(posting)
            else:
                self.postings.pop(key, None)
                self.df.pop(key, None)

    def forget_oldest(self, keep: int) -> int:
        """Keep the `keep` documents added last (a dict keeps the order of insertion); returns
        how many were removed."""
        extra = len(self.docs) - keep
        if extra <= 0:
            return 0
        self.forget(list(itertools.islice(self.docs, extra)))
        return extra

    def best(self, keys: frozenset[str], lang: str) -> tuple[int | None, float]:
        """The story of the most similar earlier item and the score (None below threshold):
        the cosine of the IDF-weighted key sets, words counting only within one language; across
        languages at least one shared key must be more than the watched place's name."""
        weights = self._weights(keys)
        mine_same, mine_cross, mine_h = self._norms(weights)
        shared: dict[int, float] = defaultdict(float)
        shared_cross: dict[int, float] = defaultdict(float)
        shared_h: dict[int, float] = defaultdict(float)
        h_count: dict[int, int] = defaultdict(int)
        cross_count: dict[int, int] = defaultdict(int)
        # Items reached through a background key (a watchlist alias, the home country); every
        # other item was reached through a more specific key.
        alias_docs: set[int] = set()
        usable: set[str] = set()
        postings = self.postings
        for key, weight in weights.items():
            # A word key names its language ("w:vi:…"): only items of that language share it.
            posting = postings.get(key)
            if not posting or len(posting) > MAX_POSTINGS:
                continue
            usable.add(key)
            kind = key[0]
            if kind == "w":  # most keys: words count only in the overall overlap
                for doc_id in posting:
                    shared[doc_id] += weight
                continue
            background = kind == "a" or key == HOME_COUNTRY_KEY
            for doc_id in posting:
                shared[doc_id] += weight
                if kind == "h":
                    shared_h[doc_id] += weight
                    h_count[doc_id] += 1
                else:
                    shared_cross[doc_id] += weight
                    cross_count[doc_id] += not background
            if background:
                alias_docs.update(posting)
        best_story, best_score, runner_up, across = None, 0.0, 0.0, False
        same_story, same_score, same_doc = None, 0.0, None
        # A sort in C, then the head: what heapq.nlargest returns (ties in the same order), faster
        # for the few hundred items a batch's keys reach.
        top = sorted(shared.items(), key=itemgetter(1), reverse=True)[:TOP_CANDIDATES]
        for doc_id, weight in top:
            other = self.docs[doc_id]
            # Shares a retrievable key that is more than the watched place's name or country.
            specific = doc_id not in alias_docs or any(
                key[0] != "a" and key != HOME_COUNTRY_KEY and key in usable for key in other.keys
            )
            if other.norms_at < 0 or len(self.docs) > other.norms_at * 1.1 + 10:
                other.norms = self._doc_norms(other)
                other.norms_at = len(self.docs)
            other_same, other_cross, other_h = other.norms
            # What survives translation (numbers, dates, names, Hán-Việt readings) counts in any
            # language pair; within one language the words count as well.
            value = 0.0
            # Numbers, dates and names count once a second piece of evidence (another of them,
            # a Hán-Việt compound) backs the first.
            evidence = cross_count[doc_id] + h_count[doc_id] >= MIN_SHARED_KEYS
            if other.lang != lang:
                if specific and mine_cross and other_cross:
                    value = shared_cross[doc_id] / math.sqrt(mine_cross * other_cross)
                    value *= self.cross_boost * evidence
                # One shared compound is chance ("Việt Nam", "quốc gia"); two count half, three
                # and more in full.
                if mine_h and other_h and h_count[doc_id] >= 2:
                    ramp = min(1.0, (h_count[doc_id] - 1) / (MIN_HANVIET_SHARED - 1))
                    value += (
                        ramp * self.hanviet_weight * shared_h[doc_id] / math.sqrt(mine_h * other_h)
                    )
            else:
                if specific and mine_cross and other_cross:
                    value = shared_cross[doc_id] / math.sqrt(mine_cross * other_cross)
                    value *= SAME_LANGUAGE_NAMES * evidence
                if mine_same and other_same:
                    same = (weight - shared_h[doc_id]) / math.sqrt(mine_same * other_same)
                    value = max(value, same)
            if other.lang == lang and value > same_score:
                same_story, same_score, same_doc = other.story, value, doc_id
            if value > best_score:
                if other.story != best_story:
                    runner_up = best_score
                best_story, best_score, self.matched = other.story, value, doc_id
                across = other.lang != lang
            elif other.story != best_story and value > runner_up:
                runner_up = value
        # Across languages a close runner-up story means the match is a guess (a hub item that
        # fits many); within one language the words decide, and copies of one text that ended
        # up in two stories must not keep every further copy out of both.
        if best_score < self.threshold:
            return None, best_score
        if across and best_score < self.margin * runner_up:
            # A copy in the item's own language scores at most about 1, where a boosted foreign
            # match can score more: when the foreign match is a guess, the copy's story decides.
            if same_score >= self.threshold:
                self.matched = same_doc
                return same_story, same_score
            return None, best_score
        return best_story, best_score


def cluster(
    docs: list[tuple[int, str, str, str]], *, aliases=None, threshold=THRESHOLD, hanviet=True
):
    """Link documents in order ((id, language, title, text), earliest first): id → story id
    (the id of the story's first document)."""
    index = StoryIndex(threshold=threshold)
    stories: dict[int, int] = {}
    for doc_id, language, title, text in docs:
        keys = story_keys(title, text, language, aliases, hanviet=hanviet)
        story, _ = index.best(keys, language)
        stories[doc_id] = story if story is not None else doc_id
        index.add(doc_id, stories[doc_id], keys, language)
    return stories


def pair_scores(stories: dict, gold_pairs: Iterable[tuple]) -> dict:
    """Precision, recall and F1 over same-story pairs (every pair of documents in one story)."""
    members: dict = defaultdict(list)
    for doc, story in stories.items():
        members[story].append(doc)
    predicted = set()
    for group in members.values():
        group = sorted(group, key=str)
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                predicted.add((a, b))
    gold = {tuple(sorted(pair, key=str)) for pair in gold_pairs}
    hits = len(predicted & gold)
    precision = hits / len(predicted) if predicted else 0.0
    recall = hits / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "pairs_predicted": len(predicted),
        "pairs_gold": len(gold),
    }
