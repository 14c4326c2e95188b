from pathlib import Path

from django import forms
from django.contrib.gis.geos import GeometryCollection, GEOSException, Point
from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.images.fields import WagtailImageField

from atelier import geometry
from atelier.models import Organisatie, Thema
from atelier.uploads import check_image, safe_filename

from . import services
from .models import Project
from .services import plain_text_to_html

MAX_GEOMETRY_FILE = 2 * 1024 * 1024


def geometries_from_file(upload):
    """The point and outline in an uploaded GeoJSON, GPX or KML file, in EPSG:4326.
    The file is read as the format its extension names, by `atelier.geometry`, never
    by GDAL (which would choose a driver by content and follow references)."""
    if Path(upload.name).suffix.lower() not in geometry.FILE_READERS:
        raise ValidationError(_("Kies een GeoJSON-, GPX- of KML-bestand."))
    if upload.size > MAX_GEOMETRY_FILE:
        raise ValidationError(_("Het bestand is groter dan 2 MB."))
    try:
        parts = geometry.geometries_from_file(upload.name, b"".join(upload.chunks()))
    except geometry.GeometryInputError as error:
        raise ValidationError(
            _("Dit bestand kan niet gelezen worden als GeoJSON, GPX of KML: %(reason)s")
            % {"reason": " ".join(error.messages)}
        ) from error
    points = [g for g in parts if g.geom_type == "Point"]
    polygons = [g for g in parts if g.geom_type == "Polygon"]
    if not points and not polygons:
        raise ValidationError(
            _("Het bestand bevat geen punt of vlak (lijnen worden niet ondersteund).")
        )
    for polygon in polygons:
        if not polygon.valid:
            raise ValidationError(
                _("Een vlak in het bestand is ongeldig (%s).") % polygon.valid_reason
            )
    omtrek = None
    if polygons:
        try:
            omtrek = services.as_multipolygon(
                GeometryCollection(*polygons, srid=geometry.WGS84).unary_union
            )
        except GEOSException as error:
            raise ValidationError(
                _("De vlakken in het bestand kunnen niet samengevoegd worden.")
            ) from error
    return (points[0] if points else None), omtrek


class ProjectForm(forms.ModelForm):
    """Submit or edit a project on the public site."""

    description = forms.CharField(
        label=_("Beschrijving"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=_("Wat, waarom, voor wie; een lege regel begint een nieuwe alinea."),
    )
    lon = forms.FloatField(
        label=_("Lengtegraad"),
        required=False,
        min_value=-180,
        max_value=180,
        widget=forms.NumberInput(attrs={"step": "any"}),
    )
    lat = forms.FloatField(
        label=_("Breedtegraad"),
        required=False,
        min_value=-90,
        max_value=90,
        widget=forms.NumberInput(attrs={"step": "any"}),
    )
    omtrek_geojson = forms.CharField(widget=forms.HiddenInput, required=False)
    geometrie_bestand = forms.FileField(
        label=_("Of laad de ligging uit een bestand"),
        required=False,
        help_text=_("GeoJSON, GPX of KML (max. 2 MB): een punt en/of een omtrek."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ",".join(geometry.FILE_READERS)}
        ),
    )
    afbeelding = WagtailImageField(label=_("Afbeelding"), required=False)
    afbeelding_credit = forms.CharField(
        label=_("Fotograaf of bron van de afbeelding"), max_length=200, required=False
    )
    afbeelding_bijschrift = forms.CharField(
        label=_("Bijschrift"), max_length=255, required=False
    )

    class Meta:
        model = Project
        fields = [
            "title",
            "fase",
            "start_jaar",
            "eind_jaar",
            "themas",
            "partners",
            "gemeente",
            "contact_naam",
            "contact_email",
        ]
        widgets = {
            "themas": forms.CheckboxSelectMultiple,
            "partners": forms.SelectMultiple(attrs={"size": 6}),
        }
        help_texts = {
            "gemeente": _("Leeg: de gemeente waar de locatie ligt."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["themas"].queryset = Thema.objects.all()
        partners = Organisatie.objects.eligible_as_project_partner()
        self.fields["partners"].queryset = partners
        self.fields["gemeente"].queryset = services.gemeenten_for_submission(user)
        self.fields["gemeente"].required = False
        if self.instance.pk:
            self.initial.update(
                description=strip_tags(
                    self.instance.description.replace("</p>", "\n\n")
                ).strip(),
                lon=self.instance.locatie.x,
                lat=self.instance.locatie.y,
                omtrek_geojson=self.instance.omtrek.geojson
                if self.instance.omtrek
                else "",
            )

    def clean_afbeelding(self):
        """The same checks as uploads in the admin: by content, size, safe name."""
        image = self.cleaned_data.get("afbeelding")
        if image:
            check_image(image)
            image.name = safe_filename(image.name)
        return image

    def clean_description(self):
        return plain_text_to_html(self.cleaned_data["description"])

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        locatie, omtrek = None, None
        if cleaned.get("omtrek_geojson"):
            try:
                omtrek = services.as_multipolygon(
                    services.parse_geojson_geometry(cleaned["omtrek_geojson"])
                )
            except ValidationError as error:
                self.add_error(None, error)
                return cleaned
        if cleaned.get("geometrie_bestand"):
            try:
                locatie, from_file = geometries_from_file(cleaned["geometrie_bestand"])
            except ValidationError as error:
                self.add_error("geometrie_bestand", error)
                return cleaned
            omtrek = from_file or omtrek
        if (
            locatie is None
            and cleaned.get("lon") is not None
            and cleaned.get("lat") is not None
        ):
            locatie = Point(cleaned["lon"], cleaned["lat"], srid=4326)
        if locatie is None and omtrek is not None:
            try:  # a point on an invalid outline may not exist
                services.validate_geometry(omtrek, label=_("De omtrek"))
            except ValidationError as error:
                self.add_error(None, error)
                return cleaned
            locatie = omtrek.point_on_surface
        if locatie is None:
            self.add_error(
                "lon", _("Duid de locatie aan op de kaart of geef de coördinaten.")
            )
            return cleaned
        try:
            gemeente = services.project_check_submission(
                self.user,
                locatie=locatie,
                omtrek=omtrek,
                gemeente=cleaned.get("gemeente"),
            )
        except ValidationError as error:
            self.add_error("gemeente" if error.code == "gemeente" else None, error)
            return cleaned
        if (
            cleaned.get("afbeelding")
            and not cleaned.get("afbeelding_credit", "").strip()
        ):
            self.add_error(
                "afbeelding_credit", _("Vermeld wie de afbeelding maakte (verplicht).")
            )
        cleaned.update(locatie=locatie, omtrek=omtrek, gemeente=gemeente)
        return cleaned

    def apply(self, project):
        """Copy the cleaned data onto `project` (unsaved; many-to-many relations are
        kept by the cluster until the project is saved)."""
        data = self.cleaned_data
        for name in self.Meta.fields:
            setattr(project, name, data.get(name))
        project.description = data["description"]
        project.locatie = data["locatie"]
        project.omtrek = data["omtrek"]
        return project
