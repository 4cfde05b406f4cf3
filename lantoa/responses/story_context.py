"""What responses knows about a story (the `story_context` extension point, lantoa.core.registry):
the clarification cases opened on any of its items, for the foreign-pickup alert."""

from .models import Case


def story_context(story) -> dict:
    cases = Case.objects.filter(items__story=story).distinct().order_by("pk")
    return {
        "clarifications": [
            {
                "id": case.pk,
                "claim": case.claim,
                "state": case.get_state_display(),
                "verdict": case.get_verdict_display(),
            }
            for case in cases
        ]
    }
