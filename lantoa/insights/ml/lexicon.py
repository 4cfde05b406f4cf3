"""A transparent tone baseline: a hand-written Vietnamese lexicon with negation and intensifiers.

Every decision can be explained to a person: `explain()` lists the words that counted and how.
Text is NFC-normalised and lower-cased, split into syllables, and matched longest phrase first
(up to four syllables), so "không tốt" is one negated positive, not two words.

Scoring: each matched phrase carries a weight in [-2, 2]. An intensifier within the two syllables
before it (or "lắm"/"quá" right after it) multiplies the weight; a negator within the three
syllables before it flips the sign and damps it (not good ≠ bad). The sum divided by the square root
of the number of hits is the score; above `THRESHOLD` is positive, below −THRESHOLD negative.
A rise or a fall ("tăng", "giảm") is read by the quantity it tells of (`DIRECTIONS`): "tai nạn
giảm" is good news, "doanh thu giảm" bad.

The word lists are our own, written for news about a locality and for public comments.
"""

import re
from dataclasses import dataclass, field

from lantoa.core.text import nfc

# fmt: off
POSITIVE = {
    # quality, approval
    "tốt": 1, "tốt đẹp": 1.5, "hay": 1, "đẹp": 1, "tuyệt vời": 2, "xuất sắc": 2, "tuyệt": 1.5,
    "hài lòng": 1.5, "thích": 1, "yêu thích": 1.5, "ấn tượng": 1, "hấp dẫn": 1, "thú vị": 1,
    "vui": 1, "vui vẻ": 1, "hạnh phúc": 1.5, "tự hào": 1.5, "cảm ơn": 1, "tận tình": 1.5,
    "tận tâm": 1.5, "nhiệt tình": 1.5, "chu đáo": 1.5, "thân thiện": 1.5, "dễ hiểu": 1.5,
    "dễ thương": 1, "hiệu quả": 1.5, "hữu ích": 1.5, "bổ ích": 1.5, "chất lượng": 1,
    "chuyên nghiệp": 1.5, "sạch sẽ": 1, "an toàn": 1, "thuận lợi": 1, "tiện lợi": 1,
    "hợp lý": 1, "đầy đủ": 1, "rõ ràng": 1, "nhanh chóng": 1, "kịp thời": 1, "hiện đại": 1,
    "văn minh": 1, "sáng tạo": 1, "tích cực": 1.5, "nhiệt huyết": 1.5, "vui tính": 1,
    "hăng say": 1, "tâm huyết": 1.5, "dễ dàng": 1, "ổn": 0.5, "ổn định": 1,
    # development, achievement
    "phát triển": 1, "tăng trưởng": 1, "thành công": 1.5, "thành tựu": 1.5, "thành tích": 1,
    "đột phá": 1.5, "khởi sắc": 1.5, "vượt": 0.5, "hoàn thành": 1, "đạt": 0.5, "nâng cao": 1,
    "cải thiện": 1, "đổi mới": 1, "tiềm năng": 1, "thu hút": 1, "hỗ trợ": 0.5, "giúp đỡ": 1,
    "khen thưởng": 1.5, "vinh danh": 1.5, "biểu dương": 1.5, "giải thưởng": 1, "kỷ lục": 1,
    "thịnh vượng": 1.5, "bền vững": 1, "hòa bình": 1, "hữu nghị": 1.5, "hợp tác": 1,
    "đoàn kết": 1.5, "ủng hộ": 1, "đồng thuận": 1, "minh bạch": 1, "an ninh": 0.5,
    "trật tự": 0.5, "xanh": 0.5, "nổi tiếng": 1, "thân thiện môi trường": 1.5,
    # conduct and service (how an office, a teacher, a service behaves)
    "đúng giờ": 1, "quan tâm": 1, "phù hợp": 1, "đảm bảo": 0.5, "dễ tính": 1, "dễ nghe": 1.5,
    "dễ gần": 1.5, "dễ tiếp thu": 1.5, "truyền cảm": 1.5, "kỹ lưỡng": 1, "kỹ càng": 1,
    "chuyên sâu": 1, "xinh": 1, "tận dụng": 0.5, "sinh động": 1.5, "tiến bộ": 1,
}

NEGATIVE = {
    # quality, disapproval
    "tệ": -1.5, "kém": -1.5, "dở": -1.5, "xấu": -1.5, "chán": -1.5, "nhàm chán": -1.5,
    "thất vọng": -2, "bực": -1.5, "bức xúc": -2, "khó chịu": -1.5, "buồn": -1, "sợ": -1,
    "lo ngại": -1.5, "lo lắng": -1, "khó hiểu": -1.5, "khó": -0.5, "khó khăn": -1,
    "không hiểu": -1, "thiếu": -1, "chậm": -1, "chậm trễ": -1.5, "ồn": -1, "ồn ào": -1,
    "nóng": -0.5, "bẩn": -1.5, "hỏng": -1.5, "lỗi": -1, "sai": -1, "yếu": -1,
    "lạc hậu": -1.5, "cũ kỹ": -1, "quá tải": -1.5, "ùn tắc": -1.5, "phức tạp": -1,
    "gây khó khăn": -1.5, "vô trách nhiệm": -2, "thờ ơ": -1.5, "qua loa": -1.5,
    "lãng phí": -1.5, "đắt": -1, "tốn kém": -1, "nhàm": -1, "mệt": -1, "áp lực": -1,
    # incidents, wrongdoing, hostile content
    "tai nạn": -1.5, "thiệt hại": -1.5, "thiệt mạng": -2, "tử vong": -1.5, "chết": -1.5,
    "cháy": -1, "lũ lụt": -1.5, "sạt lở": -1.5, "ô nhiễm": -1.5, "dịch bệnh": -1,
    "tham nhũng": -2, "tiêu cực": -1.5, "sai phạm": -2, "vi phạm": -1.5, "lừa đảo": -2,
    "gian lận": -2, "trộm": -1.5, "cướp": -2, "buôn lậu": -2, "bắt giữ": -1, "khởi tố": -1.5,
    "xử phạt": -1, "phạt": -1, "khiếu nại": -1, "tố cáo": -1, "khiếu kiện": -1,
    "xuyên tạc": -2, "bịa đặt": -2, "sai sự thật": -2, "kích động": -2, "chống phá": -2,
    "phản động": -2, "thù địch": -2, "bạo lực": -2, "xung đột": -1.5, "biểu tình": -1,
    "khủng hoảng": -1.5, "thua lỗ": -1.5, "phá sản": -2,
    "thất nghiệp": -1.5, "bất cập": -1.5, "yếu kém": -1.5, "hạn chế": -1, "trì trệ": -1.5,
    "nhũng nhiễu": -2, "phiền hà": -1.5, "bỏ hoang": -1, "xuống cấp": -1.5, "thua": -1,
    "sơ sài": -1.5, "bất mãn": -2, "khắt khe": -1, "căng thẳng": -1.5, "trễ": -1, "muộn": -1,
    "nặng nề": -1, "trùng lặp": -1, "chê bai": -1.5, "khó tính": -1, "lan man": -1.5,
    "khó nghe": -1.5, "tắc trách": -2, "cẩu thả": -2, "thiếu sót": -1.5, "bất tiện": -1.5,
    "ức chế": -1.5, "tùy tiện": -1.5, "vội vàng": -1, "mất cảm tình": -1.5,
}

# Words that say which way a quantity went: good news for a quantity the more of which is better
# (doanh thu, du khách), bad news, read the other way, for one the more of which is worse
# (`WORSE_WHEN_UP`: tai nạn, hộ nghèo, chi phí): "tai nạn giao thông giảm" and "giảm nghèo" are
# good news. The quantity is looked for in the same clause, first among the eight syllables
# before the direction, then the five after it; found, it has no tone of its own. A direction
# with no quantity near it keeps its value.
DIRECTIONS = {
    "tăng": 1, "gia tăng": 1, "tăng cao": 1, "tăng mạnh": 1.5, "giảm": -1, "suy giảm": -1,
    "sụt giảm": -1, "giảm mạnh": -1.5, "giảm thiểu": -1, "giảm sút": -1, "kéo giảm": -1,
}
BETTER_WHEN_UP = (
    "doanh thu", "lợi nhuận", "thu nhập", "xuất khẩu", "du khách", "lượt khách", "khách du lịch",
    "việc làm", "đầu tư", "vốn đầu tư", "sản lượng", "năng suất", "thu ngân sách", "tăng trưởng",
    "giá trị",
)
WORSE_WHEN_UP = (
    "tai nạn", "thiệt hại", "thất nghiệp", "ô nhiễm", "chi phí", "nợ", "nợ xấu", "tội phạm",
    "vi phạm", "nghèo", "hộ nghèo", "tỷ lệ hộ nghèo", "ca mắc", "tử vong", "thua lỗ", "lạm phát",
    "khí thải", "rác thải", "ùn tắc", "cháy", "cháy rừng", "khiếu nại", "khiếu kiện",
    "thủ tục", "tiêu cực", "thiên tai", "mực nước",
)
# Quantities whose rise or fall is no news either way (prices, rates): a direction that tells of
# one has no tone ("giá xăng tăng", "lãi suất giảm").
EITHER_WAY = ("giá", "lãi suất", "tỷ giá", "nhiệt độ")
# Phrases that begin like a direction and say no rise or fall: no tone ("tăng cường" is to
# strengthen, an office's everyday verb; "tăng ca" is overtime).
NOT_DIRECTIONS = ("tăng cường", "tăng ca")

# Before a tone word, within three syllables: flips and damps it.
NEGATORS = ("không", "chưa", "chẳng", "chả", "đừng", "không hề", "chưa hề", "chẳng hề",
            "không được", "không còn", "thiếu")
NEGATION_DAMPING = 0.7
# Before a tone word (within two syllables), or right after it ("tốt lắm", "chán quá").
INTENSIFIERS = {
    "rất": 1.5, "quá": 1.5, "cực kỳ": 2, "cực kì": 2, "vô cùng": 2, "hết sức": 1.8,
    "siêu": 1.8, "thật sự": 1.3, "thực sự": 1.3, "khá": 1.2, "hơi": 0.6, "khá là": 1.2,
    "lắm": 1.5, "nhất": 1.5, "thật": 1.3, "hoàn toàn": 1.5, "đặc biệt": 1.3, "ít": 0.6,
}
AFTER_INTENSIFIERS = {"lắm": 1.5, "quá": 1.5, "nhất": 1.5, "thật": 1.3, "vô cùng": 2}
# fmt: on
# "Not yet" that negates no tone word still says something fell short of what was expected
# ("chưa rõ", "chưa được xử lý", "chưa có sự hướng dẫn"): a weak negative of its own.
SHORTFALL = ("chưa", -0.5)
THRESHOLD = 0.25
MAX_PHRASE = 4
# "hay" is "good" only when it closes a clause or is graded ("bài giảng hay.", "rất hay",
# "hay lắm"); before another word it is "or" / "often" ("học hay tự học", "hay đi trễ").
CLAUSE_FINAL_ONLY = {"hay"}
# Syllables and clause punctuation: a phrase, a negator or an intensifier never reaches across
# a comma or a full stop.
_TOKEN = re.compile(r"\w+|[.,;:!?…]")

_TONE_WORDS = {**POSITIVE, **NEGATIVE, **DIRECTIONS, **dict.fromkeys(NOT_DIRECTIONS, 0)}
# A quantity → whether more of it is worse (None: either way).
_QUANTITIES = {
    **{tuple(k.split()): False for k in BETTER_WHEN_UP},
    **{tuple(k.split()): True for k in WORSE_WHEN_UP},
    **{tuple(k.split()): None for k in EITHER_WAY},
}
_QUANTITY_STARTS = frozenset(key[0] for key in _QUANTITIES)
_DIRECTIONS = {tuple(k.split()): v for k, v in DIRECTIONS.items()}
_DIRECTION_STARTS = frozenset(key[0] for key in _DIRECTIONS)
_NEGATORS = {tuple(n.split()) for n in NEGATORS}
_INTENSIFIERS = {tuple(k.split()): v for k, v in INTENSIFIERS.items()}
_AFTER = {tuple(k.split()): v for k, v in AFTER_INTENSIFIERS.items()}
_PHRASES = {tuple(k.split()): v for k, v in _TONE_WORDS.items()}
# A token that starts no tone phrase is passed over without trying every phrase length.
_PHRASE_STARTS = frozenset(key[0] for key in _PHRASES)


@dataclass
class Hit:
    phrase: str
    weight: float
    negated: bool = False
    intensity: float = 1.0

    @property
    def value(self) -> float:
        value = self.weight * self.intensity
        return -value * NEGATION_DAMPING if self.negated else value


@dataclass
class ToneResult:
    label: str
    score: float
    hits: list[Hit] = field(default_factory=list)


def _match(tokens: list[str], start: int, table: dict) -> tuple[int, float] | None:
    """Longest phrase of `table` starting at `start`: (length, value)."""
    for length in range(min(MAX_PHRASE, len(tokens) - start), 0, -1):
        key = tuple(tokens[start : start + length])
        if key in table:
            return length, table[key]
    return None


def _ends_at(
    tokens: list[str], end: int, phrases: set | dict, floor: int = 0
) -> tuple[int, float] | None:
    """A phrase of `phrases` ending just before index `end`, starting at `floor` or later:
    (start, value)."""
    for length in range(min(MAX_PHRASE, end - floor), 0, -1):
        key = tuple(tokens[end - length : end])
        if key in phrases:
            return end - length, phrases[key] if isinstance(phrases, dict) else 1.0
    return None


def _quantity(tokens: list[str], i: int, length: int, start: int) -> tuple[int, bool | None] | None:
    """The quantity the direction at `i` tells of: (its first token, whether more of it is
    worse, None for either way). The nearest one within eight syllables before, else five
    after, in the clause, and not across another direction."""
    before = range(i - 1, max(start, i - 8) - 1, -1)
    after = range(i + length, min(len(tokens), i + length + 5))
    for ks in (before, after):
        for k in ks:
            token = tokens[k]
            if not token.isalnum():
                break
            if token in _QUANTITY_STARTS:
                found = _match(tokens, k, _QUANTITIES)
                if found is not None and (ks is after or k + found[0] <= i):
                    return k, found[1]
            if token in _DIRECTION_STARTS and _match(tokens, k, _DIRECTIONS):
                break
    return None


def explain(text: str) -> ToneResult:
    """Score `text` and return the label with the hits that produced it."""
    tokens = _TOKEN.findall(nfc(text or "").casefold())
    hits: list[Hit] = []
    hit_starts: list[int] = []
    silent: set[int] = set()  # the first tokens of quantities a direction told of
    negator_starts: set[int] = set()
    clause_starts, start = [], 0
    for k, token in enumerate(tokens):
        clause_starts.append(start)
        if not token.isalnum():
            start = k + 1
    i = 0
    while i < len(tokens):
        found = _match(tokens, i, _PHRASES) if tokens[i] in _PHRASE_STARTS else None
        if found is None:
            i += 1
            continue
        length, weight = found
        if not weight:  # a phrase that only looks like a direction ("tăng cường")
            i += length
            continue
        phrase = " ".join(tokens[i : i + length])
        # A negator that is itself a tone phrase ("thiếu") counted already as a word; only treat
        # the syllables before this phrase as modifiers.
        hit = Hit(phrase=phrase, weight=weight)
        # Modifiers are looked for back to the clause's start only.
        start = clause_starts[i]
        before = _ends_at(tokens, i, _INTENSIFIERS, start)
        if before is None and i - start >= 2:
            before = _ends_at(tokens, i - 1, _INTENSIFIERS, start)
        if before is not None:
            hit.intensity *= before[1]
        after = _match(tokens, i + length, _AFTER) if i + length < len(tokens) else None
        if after is not None:
            hit.intensity *= after[1]
        following = tokens[i + length] if i + length < len(tokens) else "."
        if phrase in CLAUSE_FINAL_ONLY and before is None and after is None and following.isalnum():
            i += length
            continue
        for gap in range(0, 3):
            end = i - gap
            negator = _ends_at(tokens, end, _NEGATORS, start) if end > start else None
            if negator is not None:
                hit.negated = True
                negator_starts.add(negator[0])
                break
        if phrase in DIRECTIONS:
            quantity = _quantity(tokens, i, length, start)
            if quantity is not None:
                silent.add(quantity[0])
                if quantity[1] is None:  # a price went up or down: no tone
                    silent.add(i)
                elif quantity[1]:
                    hit.weight = -weight
        hits.append(hit)
        hit_starts.append(i)
        i += length
    hits = [hit for hit, k in zip(hits, hit_starts, strict=True) if k not in silent]
    word, weight = SHORTFALL
    hits += [
        Hit(phrase=word, weight=weight)
        for k, token in enumerate(tokens)
        if token == word and k not in negator_starts
    ]
    if not hits:
        return ToneResult(label="neutral", score=0.0, hits=[])
    score = sum(h.value for h in hits) / len(hits) ** 0.5
    if score > THRESHOLD:
        label = "positive"
    elif score < -THRESHOLD:
        label = "negative"
    else:
        label = "neutral"
    return ToneResult(label=label, score=round(score, 4), hits=hits)


def lexicon_tone(text: str) -> str:
    """ "positive", "neutral" or "negative" for `text`."""
    return explain(text).label
