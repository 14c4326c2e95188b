"""The agenda's registration form (the rules are in netwerk.services)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from atelier.models import Gemeente


class InschrijvingForm(forms.Form):
    naam = forms.CharField(label=_("Naam"), max_length=200)
    organisatie = forms.CharField(
        label=_("Organisatie"), max_length=200, required=False
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        error_messages={"invalid": _("Dit is geen geldig e-mailadres.")},
    )
    gemeente = forms.ModelChoiceField(
        label=_("Gemeente"),
        queryset=Gemeente.objects.order_by("name"),
        required=False,
        empty_label=_("(geen of andere)"),
    )
    opmerkingen = forms.CharField(
        label=_("Voeding of toegankelijkheid"),
        help_text=_("Dieetwensen, rolstoel, tolk, …"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )
    sessies = forms.ModelMultipleChoiceField(
        label=_("Sessies"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, bijeenkomst, **kwargs):
        super().__init__(*args, **kwargs)
        sessies = bijeenkomst.sessies.order_by("start", "pk")
        if sessies.exists():
            self.fields["sessies"].queryset = sessies
            self.fields["sessies"].required = True
            self.fields["sessies"].error_messages["required"] = _(
                "Kies minstens één sessie."
            )
        else:
            del self.fields["sessies"]
