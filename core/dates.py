"""Dates known only to the day, the month or the year, shown at the precision they are known to."""

import datetime

from django.db import models


class DatePrecision(models.TextChoices):
    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"
    UNKNOWN = "unknown", "Unknown"


def format_partial_date(value: datetime.date | None, precision: str) -> str:
    """'24 August 2016', 'July 2015', '2015' or 'date unknown', never more precise than known."""
    if value is None or precision == DatePrecision.UNKNOWN:
        return "date unknown"
    if precision == DatePrecision.YEAR:
        return str(value.year)
    if precision == DatePrecision.MONTH:
        return value.strftime("%B %Y")
    return f"{value.day} {value.strftime('%B %Y')}"


def partial_date_errors(value: datetime.date | None, precision: str, *, field: str) -> dict:
    """The same rule the model constraints enforce, worded for a form."""
    if value is None and precision != DatePrecision.UNKNOWN:
        return {field: "Give the date, or set its precision to 'unknown'."}
    if value is not None and precision == DatePrecision.UNKNOWN:
        return {f"{field}_precision": "A date is given, so its precision cannot be 'unknown'."}
    if value is not None and precision == DatePrecision.YEAR and (value.month, value.day) != (1, 1):
        return {field: "A date known only to the year is stored as 1 January of that year."}
    if value is not None and precision == DatePrecision.MONTH and value.day != 1:
        return {field: "A date known only to the month is stored as the 1st of that month."}
    return {}


def partial_date_constraints(field: str, *, prefix: str) -> list[models.CheckConstraint]:
    """Database twins of partial_date_errors(), so no path around clean() stores false precision."""
    precision = f"{field}_precision"
    return [
        models.CheckConstraint(
            name=f"{prefix}_{field}_known_iff_precision",
            condition=(
                models.Q(**{f"{field}__isnull": True, precision: DatePrecision.UNKNOWN})
                | (
                    models.Q(**{f"{field}__isnull": False})
                    & ~models.Q(**{precision: DatePrecision.UNKNOWN})
                )
            ),
        ),
        models.CheckConstraint(
            name=f"{prefix}_{field}_month_precision_on_the_1st",
            condition=~models.Q(**{precision: DatePrecision.MONTH})
            | models.Q(**{f"{field}__day": 1}),
        ),
        models.CheckConstraint(
            name=f"{prefix}_{field}_year_precision_on_1_january",
            condition=~models.Q(**{precision: DatePrecision.YEAR})
            | models.Q(**{f"{field}__month": 1, f"{field}__day": 1}),
        ),
    ]
