"""The learning community's public forms; they collect input and hand it to the
services, which decide."""

from django import forms
from django.contrib.gis.geos import Point
from django.utils.translation import gettext_lazy as _

from atelier.uploads import DOCUMENT_EXTENSIONS

from . import rules
from .services import MAX_BIJLAGEN


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class LocationMixin:
    def clean_point(self):
        lon, lat = self.cleaned_data.get("lon"), self.cleaned_data.get("lat")
        if (lon is None) != (lat is None):
            raise forms.ValidationError(
                _("Geef zowel de lengte- als de breedtegraad, of geen van beide.")
            )
        return None if lon is None else Point(lon, lat, srid=4326)


def _coordinate(label, limit):
    return forms.FloatField(
        label=label,
        required=False,
        min_value=-limit,
        max_value=limit,
        widget=forms.NumberInput(attrs={"step": "any"}),
    )


class InschrijvingForm(LocationMixin, forms.Form):
    organisatie = forms.ModelChoiceField(
        label=_("Organisatie"), queryset=None, empty_label=None
    )
    hefbomen = forms.ModelMultipleChoiceField(
        label=_("Hefbomen"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies minstens één hefboom.")},
    )
    contactpersonen = forms.CharField(
        label=_("Contactpersonen"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Eén per regel: naam, functie, e-mail."),
    )
    relevant = forms.CharField(
        label=_("Wat is voor u zeer relevant of kan u sneller vooruit helpen?"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    case_title = forms.CharField(
        label=_("Titel van uw case"), max_length=200, required=False
    )
    case_beschrijving = forms.CharField(
        label=_("Beschrijving van uw case"),
        max_length=10_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    case_openbaar = forms.BooleanField(
        label=_("De case mag openbaar op het portaal staan"), required=False
    )
    lon = _coordinate(_("Lengtegraad"), 180)
    lat = _coordinate(_("Breedtegraad"), 90)
    bijlagen = MultipleFileField(
        label=_("Bijlagen bij de case"),
        required=False,
        help_text=_("Hoogstens %(max)d bestanden: %(types)s.")
        % {"max": MAX_BIJLAGEN, "types": ", ".join(sorted(DOCUMENT_EXTENSIONS))},
    )

    def __init__(self, *args, user, traject, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisatie"].queryset = rules.registering_organisaties(user)
        self.fields["hefbomen"].queryset = traject.hefbomen.filter(gepubliceerd=True)
        self.fields["hefbomen"].label_from_instance = lambda h: f"{h.nummer}. {h.vraag}"

    def clean(self):
        cleaned = super().clean()
        cleaned["punt"] = self.clean_point()
        has_case = cleaned.get("case_title") or cleaned.get("case_beschrijving")
        if has_case and not (
            cleaned.get("case_title") and cleaned.get("case_beschrijving")
        ):
            raise forms.ValidationError(
                _("Geef uw case een titel en een beschrijving, of laat beide leeg.")
            )
        if not has_case and (cleaned.get("bijlagen") or cleaned["punt"]):
            raise forms.ValidationError(
                _("Een ligging en bijlagen horen bij een case: beschrijf de case.")
            )
        return cleaned

    def case(self):
        data = self.cleaned_data
        if not data.get("case_title"):
            return None
        return {
            "title": data["case_title"],
            "beschrijving": data["case_beschrijving"],
            "punt": data["punt"],
            "openbaar": data["case_openbaar"],
        }

    def files_data(self):
        return [(f.name, f.read()) for f in self.cleaned_data.get("bijlagen") or []]


class PraktijkvoorbeeldForm(LocationMixin, forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    beschrijving = forms.CharField(
        label=_("Beschrijving"), max_length=10_000, widget=forms.Textarea
    )
    hefboom = forms.ModelChoiceField(label=_("Hefboom"), queryset=None, required=False)
    lon = _coordinate(_("Lengtegraad"), 180)
    lat = _coordinate(_("Breedtegraad"), 90)

    def __init__(self, *args, traject, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hefboom"].queryset = traject.hefbomen.filter(gepubliceerd=True)

    def clean(self):
        cleaned = super().clean()
        cleaned["punt"] = self.clean_point()
        return cleaned
