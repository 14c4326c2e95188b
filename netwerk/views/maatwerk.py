"""Tailored support (maatwerk): an official asks, staff handle, the municipality
follows its own requests. A request one may not see answers 404, and so do its
attachments."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from atelier.media import private_file_response
from atelier.models import Organisatie, Thema
from atelier.uploads import check_document, safe_filename

from .. import rules, services
from ..models import Maatwerkvraag

MAX_BIJLAGEN = 5


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if len(files) > MAX_BIJLAGEN:
            raise ValidationError(
                _("Voeg hoogstens %(n)d bijlagen toe.") % {"n": MAX_BIJLAGEN}
            )
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class MaatwerkForm(forms.Form):
    gemeente = forms.ModelChoiceField(
        queryset=None, label=gettext_lazy("Gemeente"), empty_label=None
    )
    onderwerp = forms.CharField(label=gettext_lazy("Onderwerp"), max_length=200)
    vraag = forms.CharField(
        label=gettext_lazy("Uw vraag"), widget=forms.Textarea, max_length=10_000
    )
    thema = forms.ModelChoiceField(Thema.objects.all(), label=gettext_lazy("Thema"))
    urgentie = forms.ChoiceField(
        label=gettext_lazy("Hoe dringend?"),
        choices=Maatwerkvraag.Urgentie.choices,
        initial=Maatwerkvraag.Urgentie.NORMAAL,
    )
    bijlagen = MultipleFileField(
        label=gettext_lazy("Bijlagen"),
        required=False,
        help_text=gettext_lazy("PDF, Office-documenten, CSV of tekst; hoogstens 5."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = rules.maatwerk_gemeenten(user)

    def clean_bijlagen(self):
        for bestand in self.cleaned_data["bijlagen"]:
            try:
                check_document(bestand)
            except ValidationError as error:
                raise ValidationError(
                    f"{safe_filename(bestand.name)}: {' '.join(error.messages)}"
                ) from error
        return self.cleaned_data["bijlagen"]

    def clean_onderwerp(self):
        onderwerp = " ".join(self.cleaned_data["onderwerp"].split())
        if not onderwerp:
            raise ValidationError(_("Geef een onderwerp."))
        return onderwerp


class MaatwerkListView(LoginRequiredMixin, TemplateView):
    """Staff: every request; officials: their municipality's; partners: those
    assigned to them."""

    template_name = "netwerk/maatwerk_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            vragen=Maatwerkvraag.objects.visible_to(user).select_related(
                "gemeente", "thema"
            ),
            may_ask=rules.maatwerk_gemeenten(user).exists(),
            **kwargs,
        )


class MaatwerkCreateView(LoginRequiredMixin, FormView):
    template_name = "netwerk/maatwerk_form.html"
    form_class = MaatwerkForm

    def dispatch(self, request, *args, **kwargs):
        if (
            request.user.is_authenticated
            and not rules.maatwerk_gemeenten(request.user).exists()
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            vraag = services.maatwerk_submit(
                self.request.user,
                gemeente=data["gemeente"],
                onderwerp=data["onderwerp"],
                vraag=data["vraag"],
                thema=data["thema"],
                urgentie=data["urgentie"],
                bijlagen=data["bijlagen"],
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Uw vraag is verstuurd. IOK neemt ze in behandeling.")
        )
        return redirect(vraag.get_absolute_url())


class BehandelForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Status"), choices=Maatwerkvraag.Status.choices
    )
    reden = forms.CharField(
        label=gettext_lazy("Reden (bij afwijzen)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )
    partners = forms.ModelMultipleChoiceField(
        Organisatie.objects.in_partnerschap(),
        label=gettext_lazy("Toegewezen partners"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    notitie = forms.CharField(
        label=gettext_lazy("Notitie"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )


def visible_vraag(request, pk):
    return get_object_or_404(
        Maatwerkvraag.objects.visible_to(request.user).select_related(
            "gemeente", "thema", "ingediend_door"
        ),
        pk=pk,
    )


class MaatwerkDetailView(LoginRequiredMixin, TemplateView):
    template_name = "netwerk/maatwerk_detail.html"

    def get_context_data(self, form=None, **kwargs):
        vraag = visible_vraag(self.request, self.kwargs["pk"])
        staff = rules.can_manage_maatwerk(self.request.user)
        if staff and form is None:
            form = BehandelForm(
                initial={
                    "status": vraag.status,
                    "reden": vraag.reden,
                    "partners": vraag.partners.all(),
                }
            )
        return super().get_context_data(
            vraag=vraag,
            bijlagen=vraag.bijlagen.all(),
            partners=vraag.partners.all(),
            notities=vraag.notities.select_related("auteur") if staff else None,
            form=form,
            **kwargs,
        )

    def post(self, request, pk):
        vraag = visible_vraag(request, pk)
        if not rules.can_manage_maatwerk(request.user):
            raise PermissionDenied
        form = BehandelForm(request.POST)
        if form.is_valid():
            try:
                services.maatwerk_update(vraag, request.user, **form.cleaned_data)
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    for field, errors in error.message_dict.items():
                        form.add_error(field, errors)
                else:
                    form.add_error(None, error)
            else:
                messages.success(request, _("De vraag is bijgewerkt."))
                return redirect(vraag.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form))


class MaatwerkBijlageView(LoginRequiredMixin, View):
    """An attachment, only to whom may see its request; always as a download."""

    def get(self, request, pk, bijlage):
        vraag = visible_vraag(request, pk)
        bestand = get_object_or_404(vraag.bijlagen, pk=bijlage)
        return private_file_response(bestand.bestand, bestand.naam)


def account_section_context(request):
    """On /account/: the requests of the municipality the user acts for."""
    user = request.user
    may_ask = rules.maatwerk_gemeenten(user).exists()
    if not may_ask:
        return None
    return {
        "vragen": Maatwerkvraag.objects.visible_to(user)
        .filter(gemeente__in=rules.maatwerk_gemeenten(user))
        .select_related("gemeente")[:20],
        "may_ask": may_ask,
    }
