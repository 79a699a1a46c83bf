"""A date known only to the month is the 1st of that month, and one known only to the year is
1 January, in the database too: an update that skips the model's clean() is refused exactly when
the form would refuse the same date."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from core.dates import DatePrecision, partial_date_errors
from sources.models import SourceDocument
from tests.factories import make_source

KNOWN = [DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR]


class DatePrecisionInTheDatabase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.source = make_source(
            published_on=datetime.date(2015, 1, 1), published_on_precision="year"
        )

    @settings(max_examples=60, deadline=None)
    @given(
        value=st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2030, 12, 31)),
        precision=st.sampled_from(KNOWN),
        field=st.sampled_from(["published_on", "text_published_on"]),
    )
    def test_the_database_refuses_what_the_form_refuses(self, value, precision, field):
        expected_refusal = bool(partial_date_errors(value, precision, field=field))
        rows = SourceDocument.objects.filter(pk=self.source.pk)
        try:
            with transaction.atomic():
                rows.update(**{field: value, f"{field}_precision": precision})
        except IntegrityError:
            refused = True
        else:
            refused = False
        assert refused == expected_refusal, (value, precision)


@pytest.mark.parametrize(
    ("value", "precision"),
    [(datetime.date(2015, 7, 14), "month"), (datetime.date(2015, 7, 1), "year")],
)
def test_a_date_more_precise_than_its_precision_cannot_be_stored(db, value, precision):
    source = make_source()
    with pytest.raises(IntegrityError), transaction.atomic():
        SourceDocument.objects.filter(pk=source.pk).update(
            published_on=value, published_on_precision=precision
        )
