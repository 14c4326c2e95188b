from django import forms
from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from atelier.models import Gemeente, Organisatie, Thema
from kempenkaart.models import Project

from .models import Advies, Bijlage, Dossier, Expert, Zitting

NO_NUL = "\x00"


def clean_text(value):
    if value and NO_NUL in value:
        raise ValidationError(_("Deze tekst bevat ongeldige tekens."))
    return value


class DossierForm(forms.ModelForm):
    """The intake. The location comes from the map (data-map widget) as two numbers."""

    lat = forms.FloatField(
        label=_("breedtegraad"), required=False, min_value=50.9, max_value=51.6
    )
    lon = forms.FloatField(
        label=_("lengtegraad"), required=False, min_value=4.3, max_value=5.6
    )

    class Meta:
        model = Dossier
        fields = [
            "title",
            "project",
            "ontwerpfase",
            "beschrijving",
            "vragen",
            "ontwerper",
            "ontwerper_organisatie",
            "aanvrager",
            "aanvrager_organisatie",
            "themas",
        ]
        widgets = {
            "beschrijving": forms.Textarea(attrs={"rows": 4}),
            "vragen": forms.Textarea(attrs={"rows": 4}),
            "themas": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, user, gemeenten, **kwargs):
        super().__init__(*args, **kwargs)
        # Only projects the user may know of, in the dossier's municipality.
        projects = Project.objects.visible_to(user).filter(gemeente__in=gemeenten)
        self.fields["project"].queryset = projects.order_by("title")
        self.fields["themas"].queryset = Thema.objects.all()
        organisaties = Organisatie.objects.exclude(kind=Organisatie.Kind.GEMEENTE)
        self.fields["ontwerper_organisatie"].queryset = organisaties
        self.fields["aanvrager_organisatie"].queryset = organisaties
        if self.instance.locatie:
            self.initial.setdefault("lat", self.instance.locatie.y)
            self.initial.setdefault("lon", self.instance.locatie.x)

    def clean_title(self):
        title = clean_text(self.cleaned_data["title"])
        return " ".join(title.split())

    def clean_vragen(self):
        return clean_text(self.cleaned_data["vragen"])

    def clean_beschrijving(self):
        return clean_text(self.cleaned_data["beschrijving"])

    def clean(self):
        data = super().clean()
        lat, lon = data.get("lat"), data.get("lon")
        if (lat is None) != (lon is None):
            raise ValidationError(_("Duid de ligging aan op de kaart."))
        data["locatie"] = Point(lon, lat, srid=4326) if lat is not None else None
        return data

    def service_fields(self):
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["locatie"] = self.cleaned_data["locatie"]
        return data


class BookingForm(DossierForm):
    gemeente = forms.ModelChoiceField(
        label=_("gemeente"), queryset=Gemeente.objects.none()
    )

    def __init__(self, *args, user, gemeenten, **kwargs):
        super().__init__(*args, user=user, gemeenten=gemeenten, **kwargs)
        self.fields["gemeente"].queryset = gemeenten
        if gemeenten.count() == 1:
            self.initial["gemeente"] = gemeenten.first()


class BijlageForm(forms.Form):
    soort = forms.ChoiceField(label=_("soort"), choices=Bijlage.Soort.choices)
    naam = forms.CharField(label=_("naam"), max_length=120, required=False)
    bestand = forms.FileField(label=_("bestand"))

    def clean_naam(self):
        return " ".join(clean_text(self.cleaned_data["naam"]).split())


class PanelForm(forms.Form):
    experts = forms.ModelMultipleChoiceField(
        label=_("panel"),
        queryset=Expert.objects.filter(actief=True).select_related("user"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class ConflictForm(forms.Form):
    conflict = forms.BooleanField(
        label=_("Ik heb een belangenconflict"), required=False
    )
    toelichting = forms.CharField(
        label=_("toelichting"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class AdviesForm(forms.ModelForm):
    schets_bestand = forms.FileField(label=_("vlugschets (afbeelding)"), required=False)

    class Meta:
        model = Advies
        fields = ["context", "appreciatie", "aanbevelingen", "conclusie"]
        widgets = {
            "context": forms.Textarea(attrs={"rows": 4}),
            "appreciatie": forms.Textarea(attrs={"rows": 6}),
            "aanbevelingen": forms.Textarea(attrs={"rows": 6}),
        }

    def clean(self):
        data = super().clean()
        for name in ("context", "appreciatie", "aanbevelingen"):
            if data.get(name):
                clean_text(data[name])
        return data


class UitkomstForm(forms.ModelForm):
    publiceren = forms.BooleanField(
        label=_("Het advies mag openbaar in de adviesbank"), required=False
    )

    class Meta:
        model = Dossier
        fields = [
            "omgevingsloket_nummer",
            "beslissing",
            "beslissing_datum",
            "advies_gevolgd",
            "gevolgd_toelichting",
        ]
        widgets = {"beslissing_datum": forms.DateInput(attrs={"type": "date"})}

    def clean_omgevingsloket_nummer(self):
        return clean_text(self.cleaned_data["omgevingsloket_nummer"]).strip()


class AdviesbankFilter(forms.Form):
    q = forms.CharField(label=_("zoeken"), required=False, max_length=200)
    thema = forms.ModelChoiceField(
        label=_("thema"),
        queryset=Thema.objects.all(),
        required=False,
        to_field_name="slug",
        empty_label=_("Alle thema's"),
    )
    gemeente = forms.ModelChoiceField(
        label=_("gemeente"),
        queryset=Gemeente.objects.all(),
        required=False,
        to_field_name="slug",
        empty_label=_("Alle gemeenten"),
    )
    jaar = forms.IntegerField(
        label=_("jaar"), required=False, min_value=2000, max_value=2100
    )
    conclusie = forms.ChoiceField(
        label=_("conclusie"),
        choices=[("", _("Alle conclusies")), *Advies.Conclusie.choices],
        required=False,
    )


class ZittingForm(forms.Form):
    title = forms.CharField(label=_("titel"), max_length=200)
    start = forms.DateTimeField(
        label=_("begint"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    einde = forms.DateTimeField(
        label=_("eindigt"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    vorm = forms.ChoiceField(label=_("vorm"), choices=Zitting.Vorm.choices)
    slot_minuten = forms.IntegerField(
        label=_("duur van een tijdslot (minuten)"),
        initial=45,
        min_value=10,
        max_value=240,
    )
    intake_dagen = forms.IntegerField(
        label=_("intake sluit zoveel dagen voor de zitting"),
        initial=7,
        min_value=0,
        max_value=60,
    )
    locatie_naam = forms.CharField(label=_("plaats"), max_length=200, required=False)
    voorzitter = forms.ModelChoiceField(
        label=_("voorzitter"),
        queryset=Expert.objects.filter(actief=True).select_related("user"),
        required=False,
    )
    panel = forms.ModelMultipleChoiceField(
        label=_("panel"),
        queryset=Expert.objects.filter(actief=True).select_related("user"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def clean_title(self):
        return " ".join(clean_text(self.cleaned_data["title"]).split())
