"""Proposals and the vocabularies they are tagged with, one module each."""

from proposals.models.proposal import (
    ANCHOR_FIELDS,
    ANCHOR_INPUTS,
    Proposal,
    ProposalActor,
    ProposalQuerySet,
    touches_anchor,
)
from proposals.models.vocabularies import Actor, Framework, Theme, split_aliases

__all__ = [
    "ANCHOR_FIELDS",
    "ANCHOR_INPUTS",
    "Actor",
    "Framework",
    "Proposal",
    "ProposalActor",
    "ProposalQuerySet",
    "Theme",
    "split_aliases",
    "touches_anchor",
]
