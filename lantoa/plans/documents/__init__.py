"""Documents the plans app writes: the annual report and the reminder letter, as DOCX.

Two layouts, kept apart on purpose: Party documents (Hướng dẫn 36-HD/VPTW, "T/M") in `party.py`,
state documents (Nghị định 30/2020/NĐ-CP, "TM.") in `state.py`; shared page set-up in `layout.py`.
"""

from .annual import annual_report_build
from .reminder import reminder_letter_build

__all__ = ["annual_report_build", "reminder_letter_build"]
