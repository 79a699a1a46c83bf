"""A proposal's versions in the admin's history: its tags as a version kept them (themes,
frameworks, actor roles, related links), shown on the revert form and restored by a revert."""

from proposals.models import Actor, ProposalActor


class ProposalHistoryMixin:
    """For the proposal admin (an EditorAdmin): how its history snapshot reads and restores."""

    def snapshot_lists(self, snapshot):
        roles = dict(ProposalActor.Role.choices)
        parts = [
            ("Themes", "themes", lambda e: e[1]),
            ("Frameworks", "frameworks", lambda e: e[1]),
            ("Actors", "actors", lambda e: f"{e[1]} ({roles.get(e[2], e[2]).lower()})"),
            ("Related proposals", "related", lambda e: e[1]),
        ]
        return [
            (label, [show(e) for e in snapshot[key]])
            for label, key, show in parts
            if key in snapshot
        ]

    def restore_snapshot_rows(self, proposal, snapshot):
        """The version's actor roles (themes, frameworks and related links come with the form)."""
        if "actors" not in snapshot:
            return  # a version saved before roles were kept: leave them as they are
        wanted = {(actor_id, role) for actor_id, _name, role in snapshot["actors"]}
        existing = set(
            Actor.objects.filter(pk__in={a for a, _ in wanted}).values_list("pk", flat=True)
        )
        wanted = {(actor_id, role) for actor_id, role in wanted if actor_id in existing}
        for row in proposal.actor_roles.all():
            if (row.actor_id, row.role) not in wanted:
                row.delete()
        have = set(proposal.actor_roles.values_list("actor_id", "role"))
        for actor_id, role in sorted(wanted - have):
            ProposalActor.objects.create(proposal=proposal, actor_id=actor_id, role=role)
