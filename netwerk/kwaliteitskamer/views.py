"""The kwaliteitskamer's pages. Every dossier page, file and PDF answers 404 to whom
may not see the dossier (rules.py), anonymous visitors included: a login redirect
would say the dossier exists."""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST
from pypdf import PdfReader, PdfWriter

from atelier.exports import csv_response, xlsx_response
from atelier.geojson import feature_collection
from atelier.media import private_file_response
from atelier.pdf import pdf_response, render_pdf

from . import figures, rules, services
from .forms import (
    AdviesbankFilter,
    AdviesForm,
    BijlageForm,
    BookingForm,
    ConflictForm,
    DossierForm,
    PanelForm,
    UitkomstForm,
    ZittingForm,
)
from .mapsvg import location_svg
from .models import Advies, Bijlage, Dossier, PanelLid, Tijdslot, Zitting


def _error_text(error):
    return " ".join(error.messages)


def _dossier(request, pk):
    """The dossier `pk` if the user may see it; 404 otherwise."""
    queryset = Dossier.objects.visible_to(request.user).select_related(
        "tijdslot__zitting__bijeenkomst",
        "tijdslot__zitting__voorzitter__user",
        "gemeente",
        "vorige",
    )
    return get_object_or_404(queryset, pk=pk)


@login_required
def index(request):
    user = request.user
    zittingen = (
        Zitting.objects.filter(bijeenkomst__start__gt=timezone.now())
        .exclude(bijeenkomst__status="geannuleerd")
        .select_related("bijeenkomst")
        .prefetch_related(
            Prefetch(
                "tijdsloten",
                queryset=Tijdslot.objects.select_related("dossier"),
            )
        )
    )
    if not (rules.can_book(user) or rules.is_staff(user)):
        zittingen = zittingen.filter(bijeenkomst__in=_visible_bijeenkomsten(user))
    dossiers = (
        Dossier.objects.visible_to(user)
        .select_related("tijdslot__zitting__bijeenkomst", "gemeente", "advies")
        .order_by("-tijdslot__start")
    )
    return render(
        request,
        "kwaliteitskamer/index.html",
        {
            "zittingen": zittingen,
            "dossiers": dossiers[:50],
            "can_book": rules.can_book(user),
            "is_staff": rules.is_staff(user),
            "overdue": [d for d in dossiers if figures.is_overdue(d)]
            if rules.is_staff(user)
            else [],
        },
    )


def _visible_bijeenkomsten(user):
    from netwerk.models import Bijeenkomst

    return Bijeenkomst.objects.visible_to(user)


def zitting_detail(request, slug):
    zitting = get_object_or_404(
        Zitting.objects.select_related("bijeenkomst", "voorzitter__user"),
        bijeenkomst__slug=slug,
    )
    if not (
        rules.can_view_zitting(request.user, zitting) or rules.can_book(request.user)
    ):
        raise Http404
    visible = set(
        Dossier.objects.visible_to(request.user)
        .filter(tijdslot__zitting=zitting)
        .values_list("pk", flat=True)
    )
    slots = zitting.tijdsloten.select_related("dossier__gemeente")
    return render(
        request,
        "kwaliteitskamer/zitting_detail.html",
        {
            "zitting": zitting,
            "slots": slots,
            "visible": visible,
            "intake_open": zitting.intake_open(),
            "can_book": rules.can_book(request.user),
            "can_agenda": rules.can_download_agenda(request.user, zitting),
        },
    )


@login_required
def book(request, slot):
    tijdslot = get_object_or_404(
        Tijdslot.objects.select_related("zitting__bijeenkomst"), pk=slot
    )
    if not rules.can_book(request.user):
        raise Http404
    gemeenten = rules.gemeenten_of(request.user)
    vorige = None
    if request.GET.get("vorige", "").isdigit():
        vorige = _dossier(request, int(request.GET["vorige"]))
    initial = {}
    if vorige:
        initial = {
            "title": vorige.title,
            "gemeente": vorige.gemeente,
            "project": vorige.project,
            "ontwerper": vorige.ontwerper,
            "aanvrager": vorige.aanvrager,
            "ontwerpfase": vorige.ontwerpfase,
        }
    form = BookingForm(
        request.POST or None, user=request.user, gemeenten=gemeenten, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        fields = form.service_fields()
        try:
            dossier = services.dossier_book(
                user=request.user,
                tijdslot=tijdslot,
                gemeente=form.cleaned_data["gemeente"],
                vorige=vorige,
                **fields,
            )
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(
                request,
                _("Het tijdslot is geboekt. Vul het dossier aan en dien het in."),
            )
            return redirect("kwaliteitskamer:dossier-edit", pk=dossier.pk)
    refusal = services._refusal_for_slot(tijdslot, timezone.now())
    return render(
        request,
        "kwaliteitskamer/book.html",
        {"form": form, "tijdslot": tijdslot, "refusal": refusal, "vorige": vorige},
    )


def dossier_detail(request, pk):
    dossier = _dossier(request, pk)
    user = request.user
    advies = getattr(dossier, "advies", None)
    context = {
        "dossier": dossier,
        "advies": advies,
        "vorige": dossier.vorige if dossier.vorige_id else None,
        "vorige_advies": getattr(dossier.vorige, "advies", None)
        if dossier.vorige_id
        else None,
        "bijlagen": dossier.bijlagen.all(),
        "panelleden": dossier.panelleden.select_related("expert__user"),
        "missing": [Bijlage.Soort(s).label for s in dossier.missing_documents()],
        "can_edit": rules.can_edit_dossier(user, dossier),
        "is_staff": rules.is_staff(user),
        "can_advise": rules.can_write_advice(user, dossier),
        "can_approve": advies is not None
        and not advies.is_approved
        and rules.can_approve_advice(user, dossier),
        "can_outcome": rules.can_record_outcome(user, dossier),
        "can_conflict": rules.can_declare_conflict(user, dossier),
        "is_municipality": rules.is_municipality_of(user, dossier),
        "deadline": dossier.zitting.advice_deadline(),
        "overdue": figures.is_overdue(dossier),
        "geojson": _dossier_geojson(dossier),
    }
    return render(request, "kwaliteitskamer/dossier_detail.html", context)


def _dossier_geojson(dossier):
    if not dossier.locatie:
        return None
    return feature_collection(
        Dossier.objects.filter(pk=dossier.pk),
        geometry="locatie",
        properties={"naam": "title"},
    )


def dossier_edit(request, pk):
    dossier = _dossier(request, pk)
    if not rules.can_edit_dossier(request.user, dossier):
        raise Http404
    posted = request.method == "POST" and "upload" not in request.POST
    form = DossierForm(
        request.POST if posted else None,
        instance=dossier,
        user=request.user,
        gemeenten=[dossier.gemeente_id],
    )
    upload = BijlageForm(
        request.POST if "upload" in request.POST else None,
        request.FILES if "upload" in request.POST else None,
    )
    if request.method == "POST" and "upload" in request.POST:
        if upload.is_valid():
            try:
                services.bijlage_add(
                    user=request.user,
                    dossier=dossier,
                    soort=upload.cleaned_data["soort"],
                    naam=upload.cleaned_data["naam"],
                    uploaded_file=upload.cleaned_data["bestand"],
                )
            except ValidationError as error:
                upload.add_error("bestand", _error_text(error))
            else:
                messages.success(request, _("De bijlage is toegevoegd."))
                return redirect("kwaliteitskamer:dossier-edit", pk=dossier.pk)
    elif request.method == "POST" and form.is_valid():
        fields = form.service_fields()
        themas = fields.pop("themas")
        try:
            services.dossier_update(
                user=request.user, dossier=dossier, themas=themas, **fields
            )
            if "submit" in request.POST:
                services.dossier_submit(user=request.user, dossier=dossier)
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            if "submit" in request.POST:
                messages.success(request, _("Het dossier is ingediend."))
                return redirect(dossier.get_absolute_url())
            messages.success(request, _("Het concept is bewaard."))
            return redirect("kwaliteitskamer:dossier-edit", pk=dossier.pk)
    return render(
        request,
        "kwaliteitskamer/dossier_form.html",
        {
            "dossier": dossier,
            "form": form,
            "upload": upload,
            "bijlagen": dossier.bijlagen.all(),
            "missing": [Bijlage.Soort(s).label for s in dossier.missing_documents()],
        },
    )


def bijlage_download(request, pk, bijlage):
    dossier = _dossier(request, pk)
    bijlage = get_object_or_404(dossier.bijlagen, pk=bijlage)
    return private_file_response(bijlage.bestand)


def schets_download(request, pk):
    dossier = _dossier(request, pk)
    advies = getattr(dossier, "advies", None)
    if advies is None or not advies.schets:
        raise Http404
    return private_file_response(advies.schets)


def panel(request, pk):
    dossier = _dossier(request, pk)
    if not rules.is_staff(request.user):
        raise Http404
    current = dossier.panelleden.values_list("expert", flat=True)
    form = PanelForm(request.POST or None, initial={"experts": list(current)})
    if request.method == "POST" and form.is_valid():
        try:
            services.dossier_set_panel(
                user=request.user, dossier=dossier, experts=form.cleaned_data["experts"]
            )
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, _("Het panel is bewaard."))
            return redirect("kwaliteitskamer:panel", pk=dossier.pk)
    experts = [
        (expert, services.conflict_warnings(dossier, expert))
        for expert in form.fields["experts"].queryset.select_related(
            "organisatie", "user"
        )
    ]
    return render(
        request,
        "kwaliteitskamer/panel.html",
        {
            "dossier": dossier,
            "form": form,
            "experts": experts,
            "selected": {str(value) for value in form["experts"].value() or []},
            "panelleden": dossier.panelleden.select_related("expert__user"),
        },
    )


@login_required
def conflict(request, pk):
    # Not through _dossier: a conflicted expert no longer sees the dossier, but may
    # still withdraw the declaration.
    lid = get_object_or_404(
        PanelLid.objects.select_related("dossier"),
        dossier__pk=pk,
        expert__user=request.user,
    )
    form = ConflictForm(
        request.POST or None,
        initial={"conflict": lid.conflict, "toelichting": lid.conflict_toelichting},
    )
    if request.method == "POST" and form.is_valid():
        services.conflict_declare(
            user=request.user,
            dossier=lid.dossier,
            conflict=form.cleaned_data["conflict"],
            toelichting=form.cleaned_data["toelichting"],
        )
        messages.success(request, _("Uw verklaring is bewaard."))
        return redirect("kwaliteitskamer:index")
    return render(request, "kwaliteitskamer/conflict.html", {"lid": lid, "form": form})


def advies_edit(request, pk):
    dossier = _dossier(request, pk)
    if not rules.can_write_advice(request.user, dossier):
        raise Http404
    advies = getattr(dossier, "advies", None)
    form = AdviesForm(request.POST or None, request.FILES or None, instance=advies)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in AdviesForm.Meta.fields}
        try:
            services.advies_record(
                user=request.user,
                dossier=dossier,
                schets=form.cleaned_data.get("schets_bestand"),
                **fields,
            )
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, _("Het advies is bewaard."))
            return redirect(dossier.get_absolute_url())
    vorige_advies = getattr(dossier.vorige, "advies", None) if dossier.vorige else None
    return render(
        request,
        "kwaliteitskamer/advies_form.html",
        {"dossier": dossier, "form": form, "vorige_advies": vorige_advies},
    )


@require_POST
def advies_approve(request, pk):
    dossier = _dossier(request, pk)
    try:
        services.advies_approve(user=request.user, dossier=dossier)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(
            request, _("Het advies is goedgekeurd en naar de gemeente gestuurd.")
        )
    return redirect(dossier.get_absolute_url())


def adviesbrief(request, pk):
    dossier = _dossier(request, pk)
    advies = getattr(dossier, "advies", None)
    if advies is None:
        raise Http404
    return pdf_response(services.advice_letter(dossier), f"advies-{dossier.pk}.pdf")


def uitkomst(request, pk):
    dossier = _dossier(request, pk)
    if not rules.can_record_outcome(request.user, dossier):
        raise Http404
    form = UitkomstForm(
        request.POST or None,
        instance=dossier,
        initial={"publiceren": dossier.is_published},
    )
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in UitkomstForm.Meta.fields}
        try:
            services.dossier_record_outcome(
                user=request.user,
                dossier=Dossier.objects.get(pk=dossier.pk),
                publish=form.cleaned_data["publiceren"],
                **fields,
            )
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, _("De uitkomst is bewaard."))
            return redirect(dossier.get_absolute_url())
    return render(
        request,
        "kwaliteitskamer/uitkomst_form.html",
        {"dossier": dossier, "form": form},
    )


def agenda_pdf(request, slug):
    zitting = get_object_or_404(
        Zitting.objects.select_related("bijeenkomst", "voorzitter__user"),
        bijeenkomst__slug=slug,
    )
    if not rules.can_download_agenda(request.user, zitting):
        raise Http404
    dossiers = list(
        Dossier.objects.visible_to(request.user)
        .filter(tijdslot__zitting=zitting, status=Dossier.Status.INGEDIEND)
        .select_related("tijdslot", "gemeente")
        .prefetch_related("bijlagen")
    )
    for dossier in dossiers:
        dossier.location_svg = location_svg(dossier)
    agenda = render_pdf(
        "kwaliteitskamer/pdf/agenda.html", {"zitting": zitting, "dossiers": dossiers}
    )
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(agenda)))
    for dossier in dossiers:
        for bijlage in dossier.bijlagen.all():
            if not bijlage.is_pdf:
                continue
            try:
                with bijlage.bestand.open("rb") as handle:
                    writer.append(PdfReader(io.BytesIO(handle.read())))
            except Exception:  # a broken PDF must not lose the agenda pack
                continue
    out = io.BytesIO()
    writer.write(out)
    return pdf_response(out.getvalue(), f"agenda-{zitting.bijeenkomst.slug}.pdf")


def adviesbank(request):
    form = AdviesbankFilter(request.GET or None)
    adviezen = (
        Advies.objects.filter(dossier__in=Dossier.objects.published())
        .select_related("dossier__gemeente", "dossier__tijdslot")
        .prefetch_related("dossier__themas")
        .order_by("-dossier__tijdslot__start")
    )
    if form.is_valid():
        data = form.cleaned_data
        if data["thema"]:
            adviezen = adviezen.filter(dossier__themas=data["thema"])
        if data["gemeente"]:
            adviezen = adviezen.filter(dossier__gemeente=data["gemeente"])
        if data["jaar"]:
            adviezen = adviezen.filter(dossier__tijdslot__start__year=data["jaar"])
        if data["conclusie"]:
            adviezen = adviezen.filter(conclusie=data["conclusie"])
        if data["q"]:
            from .search import advies_search

            adviezen = advies_search(adviezen, data["q"])
    page = Paginator(adviezen, 20).get_page(request.GET.get("pagina"))
    return render(
        request,
        "kwaliteitskamer/adviesbank.html",
        {"form": form, "page": page, "total": page.paginator.count},
    )


def advies_public(request, pk):
    """The redacted advice, once published: no names, no attachments."""
    advies = get_object_or_404(
        Advies.objects.filter(dossier__in=Dossier.objects.published()).select_related(
            "dossier__gemeente", "dossier__tijdslot__zitting__bijeenkomst"
        ),
        pk=pk,
    )
    return render(request, "kwaliteitskamer/advies_public.html", {"advies": advies})


def cijfers(request):
    if not rules.can_view_figures(request.user):
        raise Http404
    return render(request, "kwaliteitskamer/cijfers.html", figures.figures())


@login_required
def zitting_create(request):
    if not rules.is_staff(request.user):
        raise Http404
    form = ZittingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            zitting = services.zitting_create(**form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, _("De zitting en haar tijdsloten zijn gemaakt."))
            return redirect(zitting.get_absolute_url())
    return render(request, "kwaliteitskamer/zitting_form.html", {"form": form})


def tweede_ronde(request, pk):
    """The free slots of upcoming sittings, to book a second round of a dossier."""
    dossier = _dossier(request, pk)
    if not rules.is_municipality_of(request.user, dossier):
        raise Http404
    now = timezone.now()
    slots = [
        slot
        for slot in Tijdslot.objects.filter(
            dossier__isnull=True, zitting__bijeenkomst__start__gt=now
        ).select_related("zitting__bijeenkomst")
        if slot.zitting.intake_open(now)
    ]
    return render(
        request,
        "kwaliteitskamer/tweede_ronde.html",
        {"dossier": dossier, "slots": slots},
    )


EXPORT_HEADERS = [
    _lazy("zitting"),
    _lazy("gemeente"),
    _lazy("project"),
    _lazy("ronde"),
    _lazy("status"),
    _lazy("conclusie"),
    _lazy("goedgekeurd op"),
    _lazy("doorlooptijd (werkdagen)"),
    _lazy("te laat"),
    _lazy("Omgevingsloket"),
    _lazy("beslissing"),
    _lazy("advies gevolgd"),
    _lazy("gepubliceerd"),
]


def _export_rows(dossiers):
    for d in dossiers:
        advies = getattr(d, "advies", None)
        approved = advies is not None and advies.is_approved
        yield [
            d.zitting.datum,
            d.gemeente.name,
            d.title,
            d.ronde,
            d.get_status_display(),
            advies.get_conclusie_display() if advies else "",
            timezone.localtime(advies.goedgekeurd_op).date() if approved else "",
            advies.turnaround_days() if approved else "",
            _("ja") if figures.is_overdue(d) else _("nee"),
            d.omgevingsloket_nummer,
            d.get_beslissing_display() if d.beslissing else "",
            d.get_advies_gevolgd_display() if d.advies_gevolgd else "",
            _("ja") if d.is_published else _("nee"),
        ]


def export(request, fmt):
    """The dossiers with their advice and outcome, for staff (CSV or XLSX)."""
    if fmt not in ("csv", "xlsx") or not rules.can_view_figures(request.user):
        raise Http404
    dossiers = (
        Dossier.objects.visible_to(request.user)
        .select_related(
            "gemeente", "tijdslot__zitting__bijeenkomst", "advies", "vorige"
        )
        .order_by("tijdslot__start", "pk")
    )
    headers = [str(h) for h in EXPORT_HEADERS]
    if fmt == "xlsx":
        return xlsx_response(
            "kwaliteitskamer-dossiers", headers, _export_rows(dossiers)
        )
    return csv_response("kwaliteitskamer-dossiers", headers, _export_rows(dossiers))
