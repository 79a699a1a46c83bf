"""Hostile query strings on every public address: never a 500, and never an echo that a browser
would read as markup. Hypothesis picks the address, known and unknown parameter names, and values
from markup, huge numbers, control characters and plain junk; each value carries a probe tag that
must never come back unescaped in an HTML or XML answer."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import make_actor, make_proposal, make_theme

PROBE = "<kb-probe>"
PARAMS = [
    "q", "theme", "actor", "role", "framework", "source", "doc_kind", "kind", "year_from",
    "year_to", "sort", "page", "theme_mode", "actor_mode", "framework_mode", "passage",
    "subject", "cursor", "format", "next",
]  # fmt: skip
NASTY = st.sampled_from(
    [
        '"><script>alert(1)</script>',
        "' onmouseover='alert(1)",
        "javascript:alert(1)",
        "9" * 40,
        "-1",
        "0",
        "1e309",
        "%00",
        "\x00",
        "\u202e",
        "../../etc/passwd",
        "a" * 3000,
        '"collective self-defence',
        "or or -",
        "all",
        "any",
    ]
)


@pytest.fixture
def paths(db):
    theme = make_theme(name="Regional institutions")
    proposal = make_proposal(
        title="Japan joins the AIIB", themes=[theme], actors=[make_actor(name="Japan")]
    )
    source = proposal.source.get_absolute_url()
    return [
        "/",
        "/proposals/",
        "/proposals.csv",
        "/proposals.json",
        "/proposals.xlsx",
        "/proposals.bib",
        "/proposals.ris",
        proposal.get_absolute_url(),
        "/sources/",
        source,
        source + "cite.bib",
        "/themes/",
        "/actors/",
        "/compare/",
        f"/compare/theme/{theme.slug}/",
        "/feeds/proposals.atom",
        "/api/",
        "/api/proposals/",
        "/api/sources/",
        "/sitemap.xml",
        "/accounts/login/",
        "/admin/login/",
    ]


query = st.lists(
    st.tuples(
        st.one_of(st.sampled_from(PARAMS), st.text(min_size=1, max_size=12)),
        st.one_of(NASTY, st.text(max_size=40)).map(lambda value: value + PROBE),
    ),
    min_size=1,
    max_size=5,
)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(index=st.integers(min_value=0), params=query)
def test_no_query_string_gives_a_500_or_an_unescaped_echo(client, paths, index, params):
    path = paths[index % len(paths)]
    response = client.get(path, params)
    assert response.status_code < 500, (path, params)
    content_type = response.get("Content-Type", "")
    if "html" in content_type or "xml" in content_type:
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert PROBE.encode() not in body, (path, params)


def test_the_probe_does_come_back_escaped_so_the_check_above_can_fail(client, paths):
    body = client.get("/proposals/", {"q": "AIIB" + PROBE}).content
    assert b"&lt;kb-probe&gt;" in body and PROBE.encode() not in body
