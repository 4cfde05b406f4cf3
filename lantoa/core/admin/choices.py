"""The choices of the admin lists' filters, read with one plain query.

Django's `ModelChoiceIterator` reads a select's choices with `QuerySet.iterator()`, which on
PostgreSQL opens a server-side cursor (DECLARE … WITH HOLD, FETCH, CLOSE: three round trips and
a materialised result) for what is always a small table (sources, watchlists, topics, units,
people: a select cannot show more). The items list built three of them per page. Filters
(django-filter's fields, which every `WagtailFilterSet` uses) read them with one ordinary query;
big reads that need a cursor (`iterator(chunk_size=…)` in exports and the pipeline) are untouched.
"""

from django_filters import fields


class PlainModelChoiceIterator(fields.ModelChoiceIterator):
    """django-filter's choice iterator (the empty and the "none" choices first) over one plain
    query instead of a server-side cursor."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if self.field.null_label is not None:
            yield (self.field.null_value, self.field.null_label)
        for obj in self.queryset.all():
            yield self.choice(obj)


def plain_filter_choices_install() -> None:
    """From `CoreConfig.ready`: every filter's model choices come by a plain query."""
    fields.ModelChoiceField.iterator = PlainModelChoiceIterator
    fields.ModelMultipleChoiceField.iterator = PlainModelChoiceIterator
