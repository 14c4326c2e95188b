"""Running activities of the partners, and the collaboration opportunities they make
(partners and staff only), each one click away from the next kernpartneroverleg's
agenda."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from atelier.models import Gemeente, Thema
from kempenkaart.models import Project

from .. import rules, services
from ..models import Activiteit


class ActiviteitForm(forms.ModelForm):
    class Meta:
        model = Activiteit
        fields = [
            "title",
            "organisatie",
            "gemeente",
            "thema",
            "omschrijving",
            "start",
            "einde",
            "projecten",
            "publiek",
        ]
        widgets = {
            "start": forms.DateInput(attrs={"type": "date"}),
            "einde": forms.DateInput(attrs={"type": "date"}),
            "projecten": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisatie"].queryset = rules.activiteit_organisaties(user)
        self.fields["organisatie"].empty_label = None
        self.fields["projecten"].queryset = Project.objects.published().order_by(
            "title"
        )
        self.fields["projecten"].required = False

    def clean_title(self):
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise ValidationError(_("Geef een titel."))
        return title


class ActiviteitListView(TemplateView):
    """What the partners are working on, by municipality and theme (in the URL)."""

    template_name = "netwerk/activiteit_list.html"

    def get_context_data(self, **kwargs):
        params = self.request.GET
        activiteiten = (
            Activiteit.objects.visible_to(self.request.user)
            .lopend()
            .select_related("organisatie", "gemeente", "thema")
            .order_by("gemeente__name", "thema__name", "start")
        )
        gemeente = Gemeente.objects.filter(slug=params.get("gemeente", "")).first()
        thema = Thema.objects.filter(slug=params.get("thema", "")).first()
        if gemeente:
            activiteiten = activiteiten.filter(gemeente=gemeente)
        if thema:
            activiteiten = activiteiten.filter(thema=thema)
        user = self.request.user
        return super().get_context_data(
            activiteiten=activiteiten[:200],
            gemeenten=Gemeente.objects.all(),
            themas=Thema.objects.all(),
            gekozen_gemeente=gemeente,
            gekozen_thema=thema,
            may_add=rules.activiteit_organisaties(user).exists(),
            may_see_kansen=rules.can_view_kansen(user),
            **kwargs,
        )


class ActiviteitDetailView(TemplateView):
    template_name = "netwerk/activiteit_detail.html"

    def get_context_data(self, **kwargs):
        activiteit = get_object_or_404(
            Activiteit.objects.visible_to(self.request.user).select_related(
                "organisatie", "gemeente", "thema"
            ),
            slug=self.kwargs["slug"],
        )
        return super().get_context_data(
            activiteit=activiteit,
            projecten=activiteit.projecten.visible_to(self.request.user),
            may_edit=rules.can_edit_activiteit(self.request.user, activiteit),
            **kwargs,
        )


class ActiviteitFormView(LoginRequiredMixin, FormView):
    form_class = ActiviteitForm
    template_name = "netwerk/activiteit_form.html"
    activiteit = None

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            if "slug" in kwargs:
                self.activiteit = get_object_or_404(
                    Activiteit.objects.visible_to(request.user), slug=kwargs["slug"]
                )
                if not rules.can_edit_activiteit(request.user, self.activiteit):
                    raise PermissionDenied
            elif not rules.activiteit_organisaties(request.user).exists():
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "user": self.request.user,
            "instance": self.activiteit,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(activiteit=self.activiteit, **kwargs)

    def form_valid(self, form):
        try:
            activiteit = services.activiteit_save(
                self.request.user,
                form.save(commit=False),
                form.cleaned_data["projecten"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("De activiteit is bewaard."))
        return redirect(activiteit.get_absolute_url())


def kansen_for(user):
    """The opportunities with their municipality, theme and activities (visible to
    `user`), best first."""
    kansen = list(Activiteit.objects.samenwerkingskansen())
    gemeenten = Gemeente.objects.in_bulk({k["gemeente_id"] for k in kansen})
    themas = Thema.objects.in_bulk({k["thema_id"] for k in kansen})
    activiteiten = (
        Activiteit.objects.visible_to(user)
        .select_related("organisatie")
        .in_bulk([pk for k in kansen for pk in k["activiteiten"]])
    )
    for kans in kansen:
        kans["gemeente"] = gemeenten[kans["gemeente_id"]]
        kans["thema"] = themas[kans["thema_id"]]
        kans["lijst"] = [
            activiteiten[pk] for pk in kans["activiteiten"] if pk in activiteiten
        ]
    return kansen


class KansenAccessMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not rules.can_view_kansen(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class KansenView(KansenAccessMixin, TemplateView):
    """Samenwerkingskansen: two or more partners in the same municipality on the
    same theme at the same time."""

    template_name = "netwerk/kansen.html"

    def get_context_data(self, **kwargs):
        volgend = services.volgend_kernpartneroverleg()
        geagendeerd = set()
        if volgend is not None:
            geagendeerd = set(
                volgend.agendapunten.filter(kans_gemeente__isnull=False).values_list(
                    "kans_gemeente_id", "kans_thema_id"
                )
            )
        kansen = kansen_for(self.request.user)
        for kans in kansen:
            kans["geagendeerd"] = (kans["gemeente_id"], kans["thema_id"]) in geagendeerd
        return super().get_context_data(
            kansen=kansen,
            volgend=volgend,
            geagendeerd=geagendeerd,
            **kwargs,
        )


class KansAgenderenForm(forms.Form):
    gemeente = forms.ModelChoiceField(
        Gemeente.objects.all(), to_field_name="slug", label=gettext_lazy("Gemeente")
    )
    thema = forms.ModelChoiceField(
        Thema.objects.all(), to_field_name="slug", label=gettext_lazy("Thema")
    )


class KansAgenderenView(KansenAccessMixin, View):
    def post(self, request):
        form = KansAgenderenForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Kies een bestaande gemeente en thema."))
            return redirect("netwerk:kansen")
        try:
            punt = services.kans_agenderen(
                request.user, form.cleaned_data["gemeente"], form.cleaned_data["thema"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("netwerk:kansen")
        messages.success(
            request,
            _("Op de agenda gezet van %(overleg)s.") % {"overleg": punt.overleg},
        )
        return redirect("netwerk:kansen")


def gemeente_section_context(request, gemeente):
    """ "Lopend in <gemeente>": the public activities that have not ended."""
    activiteiten = (
        Activiteit.objects.public()
        .lopend()
        .in_gemeente(gemeente)
        .select_related("organisatie", "thema")
        .order_by("start", "pk")
    )
    if not activiteiten.exists():
        return None
    return {"gemeente": gemeente, "activiteiten": activiteiten[:30]}
