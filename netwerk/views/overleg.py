"""Consultations (overleg): the list, a meeting's page (agenda, minutes, decisions,
action items, invitees' answers), the RSVP, an action item's status, the next
meeting and the action items as CSV. Who sees what: netwerk.rules; a meeting one may
not see answers 404."""

import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from atelier.exports import csv_response

from .. import rules, services
from ..models import Actiepunt, Genodigde, Overleg


def visible_overleg(request, slug):
    return get_object_or_404(
        Overleg.objects.visible_to(request.user).select_related(
            "bijeenkomst", "reeks__thema"
        ),
        bijeenkomst__slug=slug,
    )


class ConsultationAccessMixin(LoginRequiredMixin):
    """Only partners, invited experts and staff have consultations at all."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not (
            rules.is_organiser(request.user) or request.user.has_perm(rules.TAKE_PART)
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class OverlegListView(ConsultationAccessMixin, TemplateView):
    template_name = "netwerk/overleg_list.html"

    def get_context_data(self, **kwargs):
        organiser = rules.is_organiser(self.request.user)
        overleggen = (
            Overleg.objects.visible_to(self.request.user)
            .select_related("bijeenkomst", "reeks")
            .order_by()
        )
        komende = overleggen.upcoming()
        if organiser:  # staff see who declines
            komende = komende.annotate(
                afmeldingen=Count(
                    "bijeenkomst__genodigden",
                    filter=Q(bijeenkomst__genodigden__antwoord=Genodigde.Antwoord.NEE),
                )
            )
        return super().get_context_data(
            komende=komende,
            voorbije=overleggen.past()[:24],
            is_organiser=organiser,
            **kwargs,
        )


class RsvpForm(forms.Form):
    antwoord = forms.ChoiceField(
        label=gettext_lazy("Komt u?"),
        choices=[c for c in Genodigde.Antwoord.choices if c[0]],
        widget=forms.RadioSelect,
    )


class NextMeetingForm(forms.Form):
    datum = forms.DateField(
        label=gettext_lazy("Datum"), widget=forms.DateInput(attrs={"type": "date"})
    )
    van = forms.TimeField(
        label=gettext_lazy("Van"),
        initial=datetime.time(9, 30),
        widget=forms.TimeInput(attrs={"type": "time"}),
    )
    tot = forms.TimeField(
        label=gettext_lazy("Tot"),
        initial=datetime.time(11, 30),
        widget=forms.TimeInput(attrs={"type": "time"}),
    )
    locatie_naam = forms.CharField(
        label=gettext_lazy("Plaats"), max_length=200, required=False
    )

    def clean_locatie_naam(self):
        return " ".join(self.cleaned_data["locatie_naam"].split())

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        tz = timezone.get_current_timezone()
        data["start"] = datetime.datetime.combine(data["datum"], data["van"], tz)
        data["einde"] = datetime.datetime.combine(data["datum"], data["tot"], tz)
        if data["einde"] <= data["start"]:
            raise ValidationError(_("Een overleg eindigt na het begint."))
        if data["start"] <= timezone.now():
            raise ValidationError(_("Plan het volgende overleg in de toekomst."))
        return data


class OverlegDetailView(ConsultationAccessMixin, TemplateView):
    template_name = "netwerk/overleg_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        overleg = visible_overleg(self.request, self.kwargs["slug"])
        organiser = rules.is_organiser(user)
        genodigden = overleg.bijeenkomst.genodigden.select_related(
            "user", "organisatie"
        )
        mijn_uitnodiging = genodigden.filter(user=user).first() or (
            genodigden.filter(organisatie__lidmaatschappen__user=user).first()
        )
        actiepunten = [
            (a, rules.can_update_actiepunt(user, a))
            for a in overleg.actiepunten.select_related(
                "eigenaar", "eigenaar_organisatie"
            )
        ]
        overgedragen = [
            (a, rules.can_update_actiepunt(user, a))
            for a in overleg.openstaande_actiepunten()
        ]
        return super().get_context_data(
            overleg=overleg,
            bijeenkomst=overleg.bijeenkomst,
            agendapunten=overleg.agendapunten.select_related(
                "kans_gemeente", "kans_thema"
            ),
            besluiten=overleg.besluiten.all(),
            actiepunten=actiepunten,
            overgedragen=overgedragen,
            statussen=Actiepunt.Status.choices,
            genodigden=genodigden if organiser else None,
            mijn_uitnodiging=mijn_uitnodiging,
            rsvp_form=RsvpForm(
                initial={"antwoord": getattr(mijn_uitnodiging, "antwoord", "")}
            ),
            is_voorbij=overleg.bijeenkomst.einde < timezone.now(),
            is_organiser=organiser,
            next_form=NextMeetingForm() if organiser else None,
            **kwargs,
        )


class RsvpView(ConsultationAccessMixin, View):
    def post(self, request, slug):
        overleg = visible_overleg(request, slug)
        form = RsvpForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Kies ja, nee of misschien."))
            return redirect(overleg.get_absolute_url())
        try:
            services.overleg_answer(
                overleg, request.user, form.cleaned_data["antwoord"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Uw antwoord is bewaard."))
        return redirect(overleg.get_absolute_url())


class ActiepuntStatusView(ConsultationAccessMixin, View):
    def post(self, request, slug, pk):
        overleg = visible_overleg(request, slug)
        actiepunt = get_object_or_404(Actiepunt, pk=pk, overleg__reeks=overleg.reeks)
        try:
            services.actiepunt_set_status(
                actiepunt, request.user, request.POST.get("status", "")
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("De status van het actiepunt is bewaard."))
        return redirect(overleg.get_absolute_url())


class NextMeetingView(ConsultationAccessMixin, View):
    """Staff plan the next meeting of this meeting's series; its agenda starts from
    the open action items."""

    def post(self, request, slug):
        overleg = visible_overleg(request, slug)
        if not rules.is_organiser(request.user):
            raise PermissionDenied
        form = NextMeetingForm(request.POST)
        if form.is_valid():
            try:
                nieuw = services.overleg_plan(
                    overleg.reeks,
                    start=form.cleaned_data["start"],
                    einde=form.cleaned_data["einde"],
                    locatie_naam=form.cleaned_data["locatie_naam"],
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Het volgende overleg is gepland."))
                return redirect(nieuw.get_absolute_url())
        else:
            for errors in form.errors.values():
                messages.error(request, " ".join(errors))
        return redirect(overleg.get_absolute_url())


class ActiepuntenExportView(ConsultationAccessMixin, View):
    """The action items of a meeting (raised there, and carried over to it)."""

    def get(self, request, slug):
        overleg = visible_overleg(request, slug)
        items = [*overleg.openstaande_actiepunten(), *overleg.actiepunten.all()]
        rows = (
            [
                a.omschrijving,
                str(a.trekker or ""),
                a.deadline.isoformat() if a.deadline else "",
                a.get_status_display(),
                str(a.overleg.bijeenkomst),
            ]
            for a in items
        )
        return csv_response(
            f"actiepunten-{overleg.bijeenkomst.slug}",
            [_("Actie"), _("Trekker"), _("Tegen"), _("Status"), _("Opgenomen in")],
            rows,
        )
