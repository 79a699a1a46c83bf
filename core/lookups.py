"""Lookups that Django leaves to the database where the database would fail.

Registered by SourcesConfig.ready(), for every model of the project.
"""

from django.core.exceptions import FieldError
from django.db.models import ForeignObject, IntegerField
from django.db.models.fields.related_lookups import RelatedIn
from django.db.models.lookups import In


class InRange:
    """`in` leaving out the integers its database column cannot hold.

    Django does this for exact, gt, gte, lt and lte on integer fields (IntegerFieldOverflow), not
    for `in`: on SQLite an id beyond 2**63 in a form or an admin filter
    (`?id__in=99999999999999999999`) raised OverflowError. No row holds such a value, so leaving
    it out changes no result on any database.
    """

    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            field = self.lhs.output_field
            try:
                field = getattr(field, "target_field", field)  # a relation: the field it refers to
            except FieldError:  # a relation over several columns: its values are tuples
                return super().process_rhs(compiler, connection)
            low, high = connection.ops.integer_field_ranges.get(
                field.get_internal_type(), (None, None)
            )
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)


@IntegerField.register_lookup
class IntegerFieldInRange(InRange, In):
    pass


@ForeignObject.register_lookup
class RelatedInRange(InRange, RelatedIn):
    pass
