"""Proposed tasks: every actionable item of any section, with its units and deadline.

An item is actionable when it assigns ("giao", "chủ trì", "làm đầu mối", "phối hợp với"), sets a
deadline, or opens with a unit that does something ("Công an phường bảo đảm an ninh …",
"Đoàn thanh niên phối hợp thực hiện"). The lead is the unit that "chủ trì"/"làm đầu mối" or
opens the sentence — never the issuer before "giao" ("UBND phường giao Phòng Văn hóa - Xã hội
chủ trì" leads with the Phòng). Names resolve against the registry by name, short name and
aliases, then fuzzily; a unit-like name not in the registry is proposed for creation; "các cơ
quan liên quan" stays text. "UBND tỉnh" never resolves to "UBND phường".
"""

from __future__ import annotations

import difflib
import re

from lantoa.core.text import fold_lower

from ..constants import DeadlineKind, ProposalKind, SectionKind
from .assignments import _OTHER_LEVEL, GENERIC_PHRASES, GROUP_PHRASES, split_assignment
from .deadlines import read_deadline
from .layout import fold_aligned
from .structure import ParsedPlan, ProposedTask, UnitDirectory, UnitMention

# Strong triggers make a task on their own; weak ones ("phối hợp" as a noun, "thực hiện") only
# with a named lead unit or a deadline.
_TRIGGERS = (
    ("giao", r"(?<!ban )\bgiao\b(?! luu| tiep| ban)", True),
    ("chủ trì", r"\bchu tri\b", True),
    ("làm đầu mối", r"\blam dau moi\b", True),
    ("phối hợp", r"\bphoi hop\s+(chat che\s+)?voi\b", True),
    ("phối hợp", r"(?<!su )\bphoi hop\b", False),
    ("thực hiện", r"\bthuc hien\b", False),
)
_VERBS = (
    "chu tri|lam dau moi|phoi hop|to chuc|thuc hien|trien khai|tham muu|xay dung|theo doi|"
    "chi dao|co trach nhiem|ra soat|tuyen truyen|phu trach|bao cao|huong dan|kiem tra|don doc|"
    "quan triet|cap nhat|dang tai|tong hop|de xuat|phat huy|nam bat|cung cap|ban hanh|"
    "lap|van dong|tiep tuc|tang cuong|day manh|dam bao|bao dam|chuan bi|tiep nhan|xu ly|"
    "phat|treo|cu|thiet ke|bien soan|san xuat|mo|se|da|can|phai|duoc|chiu trach nhiem"
)
_NAME_END = re.compile(rf"\s+(?:{_VERBS})\b|\s*[,;:.(]|\s+(?:va|cung)\s+cac\b")
_UNIT_HEAD = re.compile(
    r"^(phong|ban(?! hanh)|hoi(?! nghi| thi| thao)|doan(?! ket)|uy ban|ubnd|trung tam|cong an|"
    r"ban chi huy|tram|truong|van phong|chi bo|chi doan|so(?! ket| luong)|mat tran|"
    r"dai(?! dien)|to(?! chuc)|dang uy|bo(?! sung)|cuc|chi cuc|hoi dong|ban quan ly|quan su|"
    r"buu dien|ngan hang|benh vien|khu pho|thon|to dan pho)\b"
)
_LEVELS = ("tinh", "huyen", "quan", "trung uong", "thanh pho", "thi xa", "phuong", "xa", "tw")
_FUZZY = 0.88
_ORGS = ("doan", "hoi", "dang uy", "chi bo", "cong doan", "mat tran", "cong an", "quan su", "hdnd")


def propose_tasks(parsed: ParsedPlan, directory: UnitDirectory) -> list[ProposedTask]:
    proposals: list[ProposedTask] = []
    for root in parsed.sections:
        for node in root.walk():
            own = " ".join(part for part in (node.heading, node.text) if part)
            if not own or node.kind == SectionKind.PART:
                continue
            folded = fold_aligned(own)
            found = [(word, strong) for word, key, strong in _TRIGGERS if re.search(key, folded)]
            trigger = found[0][0] if found else ""
            deadline = read_deadline(own, parsed.header.issued_on)
            dated = deadline.kind != DeadlineKind.DATE or deadline.due is not None
            proposal = ProposedTask(
                path=node.path,
                text=own,
                trigger=trigger,
                deadline_kind=deadline.kind,
                due_date=deadline.due,
                deadline_text=deadline.text,
            )
            action = _units(proposal, own, directory)
            if not dated and not any(strong for _, strong in found) and proposal.lead is None:
                continue  # no assignment verb, no deadline, no unit opening the sentence
            proposal.title = title_from(action or own)
            proposal.kind, proposal.recipient = classify(action or own, deadline.kind)
            proposals.append(proposal)
    return proposals


# The report a plan requires of a unit goes to the Party committee's leadership (IV.1: "UBND
# phường ... định kỳ hằng năm, báo cáo kết quả thực hiện cho Ban Thường vụ Đảng ủy"); a
# department reporting to UBND is an ordinary task. The report opens a clause of the item.
_REPORT = re.compile(
    r"(?:^|[;,]\s*|\bva\s+)(?:tong hop,?\s+)?bao cao\b[^;.]*?\b(?P<to>ban thuong vu"
    r"(?: dang uy)?(?: phuong| xa)?|thuong truc(?: dang uy)?(?: phuong| xa)?|cap uy(?: cap tren)?"
    r"|dang uy(?: phuong| xa)?)\b"
)
# IV.3 "kiểm tra, giám sát", "theo dõi, kiểm tra, đôn đốc": inspecting is what the item does.
_INSPECTION = re.compile(
    r"\bkiem tra,?\s+(?:giam sat|don doc)\b|\b(?:giam sat|theo doi|don doc),?\s+kiem tra\b"
)


def classify(action: str, deadline_kind: str = DeadlineKind.DATE) -> tuple[str, str]:
    """What an accepted item becomes: an inspection plan when its action is "kiểm tra, giám
    sát" (IV.3), a required report when it reports to the Party committee's leadership once a
    year or by a date (IV.1; a quarterly report is a recurring task), otherwise a task. Returns
    the kind and the report's recipient as written."""
    folded = fold_aligned(action)
    if _INSPECTION.search(folded.split(";")[0]):
        return ProposalKind.INSPECTION_PLAN, ""
    report = _REPORT.search(folded)
    if report and deadline_kind in (DeadlineKind.DATE, DeadlineKind.ANNUAL):
        return ProposalKind.REQUIRED_REPORT, action[report.start("to") : report.end("to")]
    return ProposalKind.TASK, ""


def title_from(action: str, limit: int = 255) -> str:
    first = action.split(";")[0].split(". ")[0].strip(" .;,")
    if len(first) > limit - 1:
        first = first[: limit - 2].rsplit(" ", 1)[0] + "…"
    return first[:1].upper() + first[1:]


def _units(proposal: ProposedTask, text: str, directory: UnitDirectory) -> str:
    """Fill lead, coordinating and text-only units; return the action part of the sentence."""
    folded = fold_aligned(text)
    start = 0
    giao = re.search(r"\bgiao(?:\s+cho)?\s+", folded)
    if giao:
        start = giao.end()  # the issuer before "giao" is not the lead
    split = split_assignment(text[start:], directory)
    names = {unit.code: unit.names[0] for unit in directory.units}
    action = split.action
    if split.lead:
        proposal.lead = UnitMention(text=names.get(split.lead, split.lead), code=split.lead)
        proposal.coordinating = [
            UnitMention(text=names.get(code, code), code=code) for code in split.coordinating
        ]
        proposal.others = list(split.unmatched)
    else:
        chair = re.search(r"\b(chu tri|lam dau moi)\b", folded[start:])
        who_end = start + chair.start() if chair else None
        if who_end is not None:
            marks = [folded.rfind(mark, start, who_end) for mark in (";", ". ", ": ")]
            clause_start = max([start] + [m + 2 for m in marks if m >= 0])
            who = text[clause_start:who_end].strip(" ,")
            action = text[start + chair.end() :].strip(" ,")
        else:
            who = _leading_name(text[start:])
        if who:
            mention = resolve_unit(who, directory)
            if mention is not None:
                proposal.lead = mention
    for phrase in _partner_phrases(text):
        mention = resolve_unit(phrase, directory)
        known = {m.code or m.text for m in proposal.coordinating}
        lead_key = proposal.lead and (proposal.lead.code or proposal.lead.text)
        if mention is not None:
            key = mention.code or mention.text
            if key not in known and key != lead_key:
                proposal.coordinating.append(mention)
        elif phrase not in proposal.others and not _is_group(phrase) and len(phrase.split()) <= 8:
            proposal.others.append(phrase)
    return action


def _leading_name(text: str) -> str:
    """A unit-like name opening the sentence, up to its verb ("Công an phường tổ chức …")."""
    folded = fold_aligned(text)
    folded = re.sub(r"^(de nghi|yeu cau)\s+", lambda m: " " * len(m.group(0)), folded)
    offset = len(folded) - len(folded.lstrip())
    if not _UNIT_HEAD.match(folded[offset:]):
        return ""
    end = _NAME_END.search(folded, offset + 2)
    stop = end.start() if end else len(text)
    name = text[offset:stop].strip()
    return name if 1 < len(name.split()) <= 12 else ""


def _partner_phrases(text: str) -> list[str]:
    folded = fold_aligned(text)
    phrases: list[str] = []
    for match in re.finditer(r"\bphoi hop\s+(?:chat che\s+)?(?:voi\s+)?", folded):
        start = match.end()
        # "phối hợp với A, B và C": commas inside the list are kept, verbs end it.
        verb = re.search(rf"\s+(?:{_VERBS})\b|[;:.]", folded[start:])
        stop = start + verb.start() if verb else len(text)
        for piece in _split_list(text[start:stop]):
            piece = piece.strip(" ,")
            if piece:
                phrases.append(piece)
    return phrases


def _is_group(phrase: str) -> bool:
    folded = fold_lower(phrase)
    groups = [p for phrases in GROUP_PHRASES.values() for p in phrases]
    return any(folded == fold_lower(p) for p in groups)


def _orgs(folded: str) -> set[str]:
    return {org for org in _ORGS if re.search(rf"\b{org}\b", folded)}


def _levels(folded: str) -> set[str]:
    return {level for level in _LEVELS if re.search(rf"\b{level}\b", folded)}


def resolve_unit(phrase: str, directory: UnitDirectory) -> UnitMention | None:
    """A registry unit for the phrase (exact, then fuzzy), a unit to create, or None (text)."""
    phrase = phrase.strip(" ,.;")
    folded = fold_lower(phrase)
    if not folded or any(folded == fold_lower(g) for g in GENERIC_PHRASES):
        return None
    levels = _levels(folded)
    prefix = _known_prefix(folded, directory)
    if prefix is not None:
        return UnitMention(text=phrase[: prefix[1]], code=prefix[0], score=1.0)
    best: tuple[float, str, str] | None = None
    for unit in directory.units:
        for name in unit.names:
            candidate = fold_lower(name or "")
            if not candidate:
                continue
            if candidate == folded:
                return UnitMention(text=phrase, code=unit.code, score=1.0)
            cand_levels = _levels(candidate)
            if levels - cand_levels - {"phuong", "xa"} or (
                cand_levels - {"phuong", "xa"} and not levels & cand_levels and levels
            ):
                continue  # "UBND tỉnh" is not "UBND phường"
            if _orgs(folded) - _orgs(candidate):
                continue  # "Ban Thường vụ Đoàn" is not "Ban Thường vụ Đảng ủy"
            score = difflib.SequenceMatcher(None, folded, candidate).ratio()
            trimmed = re.sub(r"\s+(phuong|xa)(\s+\S+)*$", "", folded)
            if trimmed != folded and trimmed == re.sub(r"\s+(phuong|xa)(\s+\S+)*$", "", candidate):
                score = max(score, 0.95)
            if best is None or score > best[0]:
                best = (score, unit.code, name)
    if best is not None and best[0] >= _FUZZY:
        return UnitMention(text=phrase, code=best[1], score=round(best[0], 2))
    if _UNIT_HEAD.match(folded) and not folded.startswith("cac ") and len(folded.split()) <= 8:
        return UnitMention(text=phrase, create=True, score=0.0)
    return None


def _known_prefix(folded: str, directory: UnitDirectory) -> tuple[str, int] | None:
    """The registry unit whose name opens the phrase ("Hội Cựu chiến binh nắm tình hình")."""
    best: tuple[str, int] | None = None
    for unit in directory.units:
        for name in unit.names:
            candidate = fold_lower(name or "")
            if len(candidate) < 3 or not folded.startswith(candidate):
                continue
            rest = folded[len(candidate) :]
            if rest and (rest[0].isalnum() or _OTHER_LEVEL.match(rest)):
                continue
            if best is None or len(candidate) > best[1]:
                best = (unit.code, len(candidate))
    return best


def _split_list(text: str) -> list[str]:
    """ "A, B và C" → A, B, C; but "Ban Tuyên giáo và Dân vận", "Văn phòng HĐND và UBND" and
    "Sở Thông tin và Truyền thông" are one name each (what follows "và" is no unit)."""
    pieces: list[str] = []
    for part in re.split(r",\s*", text):
        chunks = re.split(r"\s+và\s+", part)
        current = chunks[0]
        for chunk in chunks[1:]:
            head = fold_lower(chunk)
            if (_UNIT_HEAD.match(head) or head.startswith("cac ")) and not (
                current.endswith("HĐND") and head.startswith("ubnd")
            ):
                pieces.append(current)
                current = chunk
            else:
                current = f"{current} và {chunk}"
        pieces.append(current)
    return pieces
