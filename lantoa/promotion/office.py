"""Promotion's part of `setup_office`: the official terminology glossary (the office's own name
in the six site languages included) and the leaders' approval workflow for pages on
international issues. Both only add what is missing, so an administrator's edits stay."""

from .services import glossary_ensure, leader_workflow_ensure


def setup(*, log) -> None:
    added = glossary_ensure()
    leader_workflow_ensure()
    log(f"promotion: {added} thuật ngữ chính thức mới, quy trình lãnh đạo duyệt nội dung quốc tế")
