import io
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from proposals.models import Actor, Framework, Proposal, ProposalActor, Theme
from sources.models import Author, Authorship, SourceDocument

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "kb_sample"
ALL_MODELS = [Theme, Actor, Framework, Author, SourceDocument, Authorship, Proposal, ProposalActor]


def load(folder) -> str:
    out = io.StringIO()
    call_command("load_kb", fixtures=Path(folder), stdout=out)
    return out.getvalue()


def snapshot():
    """Every loaded row by natural key, with the fields that matter, for comparing two states."""
    proposals = {
        p.slug: (
            p.title,
            p.quote,
            p.quote_start,
            p.quote_end,
            p.quote_prefix,
            p.quote_suffix,
            p.source.slug,
            sorted(t.slug for t in p.themes.all()),
            sorted(f.slug for f in p.frameworks.all()),
            sorted(r.slug for r in p.related.all()),
            sorted((r.actor.slug, r.role) for r in p.actor_roles.all()),
        )
        for p in Proposal.objects.all()
    }
    counts = {model.__name__: model.objects.count() for model in ALL_MODELS}
    return counts, proposals


@pytest.fixture
def broken_copy(tmp_path):
    """A copy of the sample fixtures that a test can break."""
    folder = tmp_path / "fixtures"
    shutil.copytree(SAMPLE, folder)
    return folder


def test_load_kb_loads_every_object_and_anchors_each_quote():
    output = load(SAMPLE)
    assert "Loaded 10 objects from 2 fixture files." in output
    proposal = Proposal.objects.get(slug="sample-join-aiib")
    assert proposal.quote == (
        "Japan should join the Asian Infrastructure Investment Bank\nand shape it from within."
    )
    assert proposal.source.body[proposal.quote_start : proposal.quote_end] == proposal.quote
    assert proposal.quote_start == proposal.source.body.index("Japan should")


def test_load_kb_links_related_proposals_across_a_forward_reference():
    load(SAMPLE)
    proposal = Proposal.objects.get(slug="sample-disaster-relief")
    assert [p.slug for p in proposal.related.all()] == ["sample-join-aiib"]


def test_load_kb_twice_gives_the_same_result():
    load(SAMPLE)
    first = snapshot()
    created = SourceDocument.objects.get().created_at
    load(SAMPLE)
    assert snapshot() == first
    assert SourceDocument.objects.get().created_at == created


def test_a_quote_missing_from_its_source_stops_the_load_naming_file_and_object(broken_copy):
    source_file = broken_copy / "30_source_sample.yaml"
    source_file.write_text(
        source_file.read_text().replace("and shape it from within.", "and lead it from within.", 1)
    )
    with pytest.raises(CommandError) as error:
        load(broken_copy)
    message = str(error.value)
    assert "30_source_sample.yaml" in message
    assert "proposals.proposal 'sample-join-aiib'" in message
    assert "does not occur in the source's text" in message


def test_a_failed_load_leaves_the_database_as_it_was(broken_copy):
    load(SAMPLE)
    before = snapshot()
    source_file = broken_copy / "30_source_sample.yaml"
    source_file.write_text(
        source_file.read_text()
        .replace("title: A Sample Paper", "title: A Renamed Paper")
        .replace(
            "role: acts}\n- model: proposals.proposalactor",
            "role: leads}\n- model: proposals.proposalactor",
        )
    )
    with pytest.raises(
        CommandError, match="proposals.proposalactor 'sample-disaster-relief/japan/leads'"
    ):
        load(broken_copy)
    assert snapshot() == before
    assert SourceDocument.objects.get().title == "A Sample Paper"


def test_a_malformed_file_is_named(broken_copy):
    (broken_copy / "20_broken.yaml").write_text(
        "- model: proposals.theme\n  fields: {slug: [unclosed\n"
    )
    with pytest.raises(
        CommandError, match="20_broken.yaml: cannot be read as a yaml fixture: while parsing"
    ):
        load(broken_copy)
    assert Theme.objects.count() == 0


def test_a_reference_to_an_undefined_object_is_named(broken_copy):
    source_file = broken_copy / "30_source_sample.yaml"
    source_file.write_text(source_file.read_text().replace("[[aiib]]", "[[no-such-framework]]"))
    with pytest.raises(CommandError, match="30_source_sample.yaml") as error:
        load(broken_copy)
    assert "no-such-framework" in str(error.value)
    assert Proposal.objects.count() == 0


def test_an_empty_folder_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="No fixture files"):
        load(tmp_path)


def test_dumpdata_with_natural_keys_round_trips_into_an_empty_database(tmp_path):
    load(SAMPLE)
    before = snapshot()
    dump = tmp_path / "dump.json"
    call_command(
        "dumpdata",
        "sources",
        "proposals",
        natural_foreign=True,
        natural_primary=True,
        output=str(dump),
        exclude=[
            "proposals.historicaltheme",
            "proposals.historicalactor",
            "proposals.historicalframework",
            "proposals.historicalproposal",
            "proposals.historicalproposalactor",
            "sources.historicalauthor",
            "sources.historicalsourcedocument",
        ],
    )
    for model in reversed(ALL_MODELS):
        model.objects.all().delete()
    assert Proposal.objects.count() == 0

    call_command("loaddata", str(dump), verbosity=0)
    assert snapshot() == before


def test_reloading_unchanged_fixtures_writes_no_history():
    load(SAMPLE)
    history_rows = Proposal.history.count()
    load(SAMPLE)
    assert Proposal.history.count() == history_rows


def test_reloading_a_changed_object_updates_it_and_records_the_change(broken_copy):
    load(SAMPLE)
    source_file = broken_copy / "30_source_sample.yaml"
    source_file.write_text(
        source_file.read_text().replace(
            "title: Japan joins the AIIB", "title: Japan enters the AIIB"
        )
    )
    load(broken_copy)
    proposal = Proposal.objects.get(slug="sample-join-aiib")
    assert proposal.title == "Japan enters the AIIB"
    assert proposal.history.first().title == "Japan enters the AIIB"


def test_a_role_removed_from_the_fixtures_is_removed_on_reload(broken_copy):
    load(SAMPLE)
    source_file = broken_copy / "30_source_sample.yaml"
    source_file.write_text(
        source_file.read_text().replace(
            "{proposal: [sample-join-aiib], actor: [japan], role: acts}",
            "{proposal: [sample-join-aiib], actor: [japan], role: engaged}",
        )
    )
    output = load(broken_copy)
    roles = ProposalActor.objects.filter(proposal__slug="sample-join-aiib")
    assert list(roles.values_list("role", flat=True)) == ["engaged"]
    assert "Removed 1 actor roles, bylines or judgements" in output


def test_a_related_link_listed_on_one_side_only_is_refused(broken_copy):
    source_file = broken_copy / "30_source_sample.yaml"
    source_file.write_text(
        source_file.read_text().replace(
            "    related: [[sample-disaster-relief]]\n", "    related: []\n"
        )
    )
    with pytest.raises(CommandError) as error:
        load(broken_copy)
    message = str(error.value)
    assert "30_source_sample.yaml" in message
    assert "related on one side only" in message
    assert Proposal.objects.count() == 0


def test_if_empty_loads_an_empty_database_and_leaves_a_loaded_one_alone():
    out = io.StringIO()
    call_command("load_kb", fixtures=SAMPLE, if_empty=True, stdout=out)
    assert Proposal.objects.count() == 2
    Proposal.objects.filter(slug="sample-join-aiib").update(title="Edited in the admin")
    out = io.StringIO()
    call_command("load_kb", fixtures=SAMPLE, if_empty=True, stdout=out)
    assert "already loaded (1 sources, 2 proposals)" in out.getvalue()
    assert Proposal.objects.get(slug="sample-join-aiib").title == "Edited in the admin"
