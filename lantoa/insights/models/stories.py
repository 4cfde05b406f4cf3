"""What linking items into stories keeps beside the items."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class StoryKeys(models.Model):
    """An item's story-linking keys (lantoa.insights.ml.linking.story_keys), written once, in the
    bulk step that links the item, so that every worker's linking index reads them instead of
    computing them again (the keys were two thirds of the analyse stage's linking cost).

    `keys` is packed (services.stories.keys_pack); `fingerprint` names what the keys were computed
    with (watchlist aliases, the key rules): a row with another fingerprint is computed again.
    `id` is the order the rows were written in: a worker reads the rows after the last it saw,
    and the ids below it that it has not seen yet (a transaction still open may commit them).
    `written_at` (when the row was inserted, not when its keys were last recomputed) tells a new
    index which ids may still be in flight: those of rows written in the last GAP_PATIENCE.
    A table of its own: adding it locks nothing on a table of a million items.
    """

    item = models.OneToOneField(
        "monitoring.Item", on_delete=models.CASCADE, related_name="story_keys"
    )
    keys = models.TextField(_("khóa liên kết"))
    fingerprint = models.CharField(max_length=16)
    written_at = models.DateTimeField(_("thời điểm ghi"), default=timezone.now)

    class Meta:
        verbose_name = _("khóa liên kết chuỗi tin")
        verbose_name_plural = _("khóa liên kết chuỗi tin")

    def __str__(self) -> str:
        return f"{self.item_id}: {self.keys[:60]}"
