"""The proposal form with suggested themes, actors, frameworks and related proposals beside it.

The proposals app's admin as the outcomes app extends it (with the evidence inline), extended
again and registered again here (editorial sits above proposals, outcomes and search, whose index
the related suggestions rank against). Suggestions are worked out from
the quote and its paragraph each time the form opens; accepting one fills the form's own field
(static/js/admin_suggestions.js), so nothing is stored until the editor saves.
"""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError

from editorial.proposal_suggestions import suggestions_for_proposal
from outcomes.admin import ProposalWithEvidenceAdmin
from proposals.admin import MAX_PREFILLED_QUOTE
from proposals.models import Proposal
from sources.models import SourceDocument


class ProposalWithSuggestionsAdmin(ProposalWithEvidenceAdmin):
    class Media:
        js = ["js/admin_suggestions.js"]

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), **self.suggestion_context(request, object_id)}
        return super().changeform_view(request, object_id, form_url, extra_context)

    def suggestion_context(self, request, object_id) -> dict:
        if object_id:
            proposal = self.get_object(request, unquote(object_id))
            if proposal is None:
                return {}
            source, quote = proposal.source, proposal.quote
        else:
            proposal = None
            data = request.POST if request.method == "POST" else request.GET
            source, quote = self.named_source(data.get("source", "")), data.get("quote", "")
        if source is None or not quote.strip() or len(quote) > MAX_PREFILLED_QUOTE:
            return {"kb_suggestions_pending": True}
        return {
            "kb_suggestions": suggestions_for_proposal(
                source=source, quote=quote.strip(), proposal=proposal
            )
        }

    @staticmethod
    def named_source(value: str):
        try:
            pk = SourceDocument._meta.pk.to_python(value.strip()) if value.strip() else None
        except ValidationError:
            return None
        return SourceDocument.objects.filter(pk=pk).first() if pk is not None else None


# Replaces the proposals app's registration: the same admin, with the suggestions beside it.
admin.site.unregister(Proposal)
admin.site.register(Proposal, ProposalWithSuggestionsAdmin)
