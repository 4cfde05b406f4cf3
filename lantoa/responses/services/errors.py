"""Errors the responses services raise; their message is shown to staff as is (Vietnamese)."""


class CaseError(Exception):
    """A request staff can correct (bad input): HTTP 400."""

    status = 400

    def __init__(self, message):
        super().__init__(str(message))
        self.message = str(message)


class CaseTransitionError(CaseError):
    """The action does not fit the case's current state: HTTP 409."""

    status = 409


class CasePermissionError(CaseError):
    """The person may not do this (e.g. approve without the leader role): HTTP 403."""

    status = 403


class CaseNotFound(CaseError):
    """No such case, or one outside the user's unit: HTTP 404."""

    status = 404
