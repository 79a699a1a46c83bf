"""Lookups that Django leaves to the database where the database would fail.

Registered by SourcesConfig.ready(), for every model of the project.
"""

from django.db.models import IntegerField
from django.db.models.lookups import In


@IntegerField.register_lookup
class IntegerFieldInRange(In):
    """`in` on an integer field, leaving out the values its database column cannot hold.

    Django does this for exact, gt, gte, lt and lte (IntegerFieldOverflow), not for `in`: on SQLite
    an id beyond 2**63 in a form or an admin filter (`?id__in=99999999999999999999`) raised
    OverflowError. No row holds such a value, so leaving it out changes no result on any database.
    """

    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(
                self.lhs.output_field.get_internal_type()
            )
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)
