class PlanImportError(Exception):
    """A file or text that cannot become a plan; the message is Vietnamese, for office staff."""
