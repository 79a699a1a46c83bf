import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from core.dates import DatePrecision, format_partial_date
from sources.models import Authorship, SourceDocument
from tests.factories import make_source

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("precision", "shown"),
    [
        (DatePrecision.DAY, "24 August 2016"),
        (DatePrecision.MONTH, "August 2016"),
        (DatePrecision.YEAR, "2016"),
        (DatePrecision.UNKNOWN, "date unknown"),
    ],
)
def test_dates_are_shown_no_more_precisely_than_known(precision, shown):
    assert format_partial_date(datetime.date(2016, 8, 24), precision) == shown


def test_a_missing_date_is_shown_as_unknown():
    assert format_partial_date(None, DatePrecision.DAY) == "date unknown"


def test_clean_refuses_a_month_precision_date_that_is_not_the_first():
    source = make_source()
    source.published_on = datetime.date(2015, 7, 14)
    with pytest.raises(ValidationError) as error:
        source.full_clean()
    assert "1st of that month" in error.value.message_dict["published_on"][0]


def test_clean_refuses_a_precision_without_a_date():
    source = make_source()
    source.published_on = None
    with pytest.raises(ValidationError) as error:
        source.full_clean()
    assert "precision to 'unknown'" in error.value.message_dict["published_on"][0]


def test_the_database_refuses_a_date_marked_unknown():
    with pytest.raises(IntegrityError):
        make_source(published_on=datetime.date(2015, 1, 1), published_on_precision="unknown")


def test_the_database_refuses_an_empty_body():
    with pytest.raises(IntegrityError):
        make_source(body="")


def test_drafts_are_visible_to_staff_only(django_user_model):
    draft = make_source(status="draft")
    staff = django_user_model(is_staff=True)
    assert draft not in SourceDocument.objects.visible_to(None)
    assert draft in SourceDocument.objects.visible_to(staff)


def test_ordered_authors_follow_the_byline_and_leave_out_translators():
    from sources.models import Author

    source = make_source()
    second = Author.objects.create(name="B. Second", slug="b-second")
    first = Author.objects.create(name="A. First", slug="a-first")
    translator = Author.objects.create(name="T. Translator", slug="t-translator")
    Authorship.objects.create(source=source, author=second, position=2)
    Authorship.objects.create(source=source, author=first, position=1)
    Authorship.objects.create(source=source, author=translator, position=3, role="translator")
    fetched = SourceDocument.objects.with_authors().get(pk=source.pk)
    assert fetched.ordered_authors == [first, second]
