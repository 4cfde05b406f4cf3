"""Models of the plans app: directives and plans, tasks and their reports, dissemination."""

from .documents import Assignment, Directive, DocumentNumber, Plan, PlanSection
from .followup import Notification
from .inspection import (
    InspectionFinding,
    InspectionPlan,
    InspectionRecommendation,
    InspectionVisit,
)
from .required import RequiredReport
from .work import DisseminationSession, ProgressReport, ReportEvidence, Task, TaskPeriod

__all__ = [
    "Assignment",
    "Directive",
    "DisseminationSession",
    "DocumentNumber",
    "InspectionFinding",
    "InspectionPlan",
    "InspectionRecommendation",
    "InspectionVisit",
    "Notification",
    "Plan",
    "PlanSection",
    "ProgressReport",
    "ReportEvidence",
    "RequiredReport",
    "Task",
    "TaskPeriod",
]
