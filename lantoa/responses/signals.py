"""Wagtail → case: when staff act on a clarification page in Wagtail's editor, the case follows.

Each handler calls one service and decides nothing; the branching lives in
`services.clarifications` (`case_follow_*`).
"""

from wagtail.signals import (
    page_published,
    page_unpublished,
    workflow_cancelled,
    workflow_rejected,
    workflow_submitted,
)

from . import services


def on_workflow_submitted(sender, instance, user=None, **kwargs):
    services.case_follow_workflow_submission(workflow_state=instance, user=user)


def on_workflow_sent_back(sender, instance, user=None, **kwargs):
    services.case_follow_workflow_return(workflow_state=instance, user=user)


def on_page_published(sender, instance, revision=None, **kwargs):
    services.case_follow_page_publication(page=instance, user=getattr(revision, "user", None))


def on_page_unpublished(sender, instance, user=None, **kwargs):
    services.case_follow_page_unpublication(page=instance, user=user)


def connect() -> None:
    workflow_submitted.connect(on_workflow_submitted, dispatch_uid="responses_wf_submitted")
    workflow_rejected.connect(on_workflow_sent_back, dispatch_uid="responses_wf_rejected")
    workflow_cancelled.connect(on_workflow_sent_back, dispatch_uid="responses_wf_cancelled")
    page_published.connect(on_page_published, dispatch_uid="responses_page_published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="responses_page_unpublished")
