"""The agenda: /agenda/ (list and month), a gathering's page with its programme,
documents, map and registration form, the calendar files, the personal cancel link,
and the organisers' list of registrations (export, presence list, attendance)."""

import calendar as month_calendar
import math
import re
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from atelier.exports import csv_response, xlsx_response
from atelier.geojson import feature_collection
from atelier.pdf import pdf_response, render_pdf
from atelier.security import client_ip
from atelier.throttling import FormLimit

from .. import ical, rules, services
from ..filters import BijeenkomstFilter
from ..forms import InschrijvingForm
from ..models import Bijeenkomst, Inschrijving

PER_PAGE = 20
MONTH = re.compile(r"^(?P<year>20\d\d)-(?P<month>0[1-9]|1[0-2])$")
FEED_HISTORY = timedelta(days=366)


def visible(request):
    return Bijeenkomst.objects.visible_to(request.user).prefetch_related(
        "themas", "gemeenten"
    )


def filtered(request):
    return BijeenkomstFilter(request.GET, queryset=visible(request), request=request)


def _filter_query(request):
    """The filters of this request, as a query string for links (no page, month)."""
    query = request.GET.copy()
    for key in ("pagina", "maand", "wanneer"):
        query.pop(key, None)
    return query.urlencode()


def agenda(request):
    """Upcoming gatherings (or past ones: ?wanneer=voorbij), filtered."""
    filterset = filtered(request)
    past = request.GET.get("wanneer") == "voorbij"
    found = filterset.qs if filterset.is_valid() else Bijeenkomst.objects.none()
    found = found.past() if past else found.upcoming()
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "netwerk/agenda/agenda.html",
        {
            "filter": filterset,
            "page_obj": page,
            "past": past,
            "filter_query": _filter_query(request),
            "now": timezone.now(),
        },
    )


def agenda_month(request):
    """The month view: ?maand=2026-12 (this month by default), with the filters."""
    today = timezone.localdate()
    match = MONTH.match(request.GET.get("maand", ""))
    first = (
        date(int(match["year"]), int(match["month"]), 1)
        if match
        else today.replace(day=1)
    )
    weeks = month_calendar.Calendar(firstweekday=0).monthdatescalendar(
        first.year, first.month
    )
    filterset = filtered(request)
    found = filterset.qs if filterset.is_valid() else Bijeenkomst.objects.none()
    tz = timezone.get_current_timezone()
    start = datetime.combine(weeks[0][0], datetime.min.time(), tz)
    end = datetime.combine(weeks[-1][-1] + timedelta(days=1), datetime.min.time(), tz)
    found = found.filter(start__lt=end, einde__gte=start).order_by("start", "pk")
    per_day = {}
    for bijeenkomst in found:
        day = timezone.localdate(bijeenkomst.start)
        last = timezone.localdate(bijeenkomst.einde)
        while day <= last:
            per_day.setdefault(day, []).append(bijeenkomst)
            day += timedelta(days=1)
    previous = (first - timedelta(days=1)).replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return render(
        request,
        "netwerk/agenda/agenda_month.html",
        {
            "filter": filterset,
            "month": first,
            "weeks": [
                [(day, day.month == first.month, per_day.get(day, [])) for day in week]
                for week in weeks
            ],
            "today": today,
            "previous": f"{previous:%Y-%m}" if previous.year >= 2000 else "",
            "following": f"{following:%Y-%m}" if following.year < 2100 else "",
            "filter_query": _filter_query(request),
        },
    )


def agenda_ics(request):
    """The feed: the same filters as /agenda/; what this visitor may see (for a
    calendar program, which signs in nowhere: the public gatherings)."""
    filterset = filtered(request)
    if not filterset.is_valid():
        return HttpResponseBadRequest(
            _("Onbekende filter in de kalenderlink."), content_type="text/plain"
        )
    found = filterset.qs.filter(einde__gte=timezone.now() - FEED_HISTORY).order_by(
        "start", "pk"
    )
    return ical.response(ical.calendar(found, request), "agenda.ics")


def get_bijeenkomst(request, slug):
    return get_object_or_404(visible(request), slug=slug)


def bijeenkomst_ics(request, slug):
    bijeenkomst = get_bijeenkomst(request, slug)
    cal = ical.calendar([bijeenkomst], request, name=bijeenkomst.title)
    return ical.response(cal, f"{bijeenkomst.slug}.ics")


def bijeenkomst_detail(request, slug, form=None):
    bijeenkomst = get_bijeenkomst(request, slug)
    refusal = services.registration_refusal(bijeenkomst)
    if form is None and not refusal:
        initial = {}
        if request.user.is_authenticated:
            initial = {
                "naam": request.user.get_full_name(),
                "email": request.user.email,
            }
        form = InschrijvingForm(bijeenkomst=bijeenkomst, initial=initial)
    registrations = bijeenkomst.inschrijvingen
    confirmed = registrations.filter(status=Inschrijving.Status.BEVESTIGD).count()
    free = (
        max(bijeenkomst.capaciteit - confirmed, 0)
        if bijeenkomst.capaciteit is not None
        else None
    )
    geojson = None
    if bijeenkomst.punt:
        geojson = feature_collection(
            Bijeenkomst.objects.filter(pk=bijeenkomst.pk),
            geometry="punt",
            properties={"titel": "title"},
        )
    return render(
        request,
        "netwerk/agenda/bijeenkomst_detail.html",
        {
            "bijeenkomst": bijeenkomst,
            "programma": bijeenkomst.programma.all(),
            "sessies": bijeenkomst.sessies.order_by("start", "pk"),
            "documenten": bijeenkomst.documenten.select_related("document"),
            "organisatoren": bijeenkomst.organisatoren.all(),
            "form": form if bijeenkomst.inschrijven else None,
            "refusal": refusal if bijeenkomst.inschrijven else None,
            "free": free,
            "geojson": geojson,
            "is_organiser": rules.is_organiser(request.user),
        },
    )


def registration_limit(request):
    """Registrations per client address (each one mails the address given, so the
    form must not mail hundreds of strangers): settings REGISTRATIONS_PER_…."""
    return FormLimit(
        "inschrijving",
        client_ip(request),
        [
            (settings.REGISTRATIONS_PER_10_MINUTES, 600),
            (settings.REGISTRATIONS_PER_DAY, 86400),
        ],
    )


def _wait_message(wait):
    if wait >= 3600:
        return _(
            "U hebt vanaf dit adres te veel inschrijvingen verstuurd. Probeer het "
            "over %(uren)d uur opnieuw."
        ) % {"uren": math.ceil(wait / 3600)}
    return _(
        "U hebt vanaf dit adres te veel inschrijvingen verstuurd. Probeer het over "
        "%(minuten)d minuten opnieuw."
    ) % {"minuten": max(math.ceil(wait / 60), 1)}


@require_POST
def inschrijven(request, slug):
    bijeenkomst = get_bijeenkomst(request, slug)
    form = InschrijvingForm(request.POST, bijeenkomst=bijeenkomst)
    if form.is_valid():
        data = form.cleaned_data
        limit = registration_limit(request)
        wait = limit.take()
        if wait is not None:
            form.add_error(None, _wait_message(wait))
            response = bijeenkomst_detail(request, slug, form=form)
            response.status_code = 429
            response["Retry-After"] = str(wait)
            return response
        try:
            inschrijving, _token = services.inschrijving_create(
                bijeenkomst,
                naam=data["naam"],
                email=data["email"],
                organisatie=data["organisatie"],
                gemeente=data["gemeente"],
                opmerkingen=data["opmerkingen"],
                sessies=data.get("sessies") or (),
                user=request.user,
            )
        except ValidationError as error:
            limit.give_back()  # refused: no mail went out
            form.add_error(None, error)
        else:
            if inschrijving.status == Inschrijving.Status.WACHTLIJST:
                messages.warning(
                    request,
                    _(
                        "De bijeenkomst is volzet: u staat op de wachtlijst. Komt er "
                        "een plaats vrij, dan krijgt u een e-mail."
                    ),
                )
            else:
                messages.success(
                    request,
                    _("U bent ingeschreven. U krijgt een bevestiging per e-mail."),
                )
            return redirect(bijeenkomst.get_absolute_url())
    return bijeenkomst_detail(request, slug, form=form)


def inschrijving_annuleren(request, token):
    """The personal cancel link: a page that asks, then cancels on POST (a mail
    program that prefetches the link cancels nothing)."""
    inschrijving = services.agenda.inschrijving_for_token(token)
    if inschrijving is None:
        raise Http404(_("Deze annuleerlink is ongeldig."))
    error = None
    if request.method == "POST":
        try:
            services.inschrijving_cancel(token)
        except ValidationError as refused:
            error = refused.messages[0]
        else:
            messages.success(request, _("Uw inschrijving is geannuleerd."))
            inschrijving.refresh_from_db()
    return render(
        request,
        "netwerk/agenda/inschrijving_annuleren.html",
        {
            "inschrijving": inschrijving,
            "bijeenkomst": inschrijving.bijeenkomst,
            "error": error,
            "is_cancelled": inschrijving.status == Inschrijving.Status.GEANNULEERD,
        },
        status=400 if error else 200,
    )


# --- organisers ------------------------------------------------------------------


def organised(request, slug):
    """The gathering, for its organisers: a login first, 404 for who may not know
    it exists, 403 for who sees it but does not organise."""
    if not request.user.is_authenticated:
        raise _LoginRequired
    bijeenkomst = get_bijeenkomst(request, slug)
    if not rules.is_organiser(request.user):
        raise PermissionDenied
    return bijeenkomst


class _LoginRequired(Exception):
    pass


def organisers_only(view):
    def wrapped(request, slug, *args, **kwargs):
        try:
            bijeenkomst = organised(request, slug)
        except _LoginRequired:
            return redirect_to_login(request.get_full_path())
        return view(request, bijeenkomst, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


AANWEZIG = {"ja": True, "nee": False, "onbekend": None}


@organisers_only
def inschrijvingen(request, bijeenkomst):
    """The registrations, and marking who attended (one POST per person)."""
    if request.method == "POST":
        inschrijving = bijeenkomst.inschrijvingen.filter(
            pk=_int(request.POST.get("inschrijving"))
        ).first()
        value = request.POST.get("aanwezig")
        if inschrijving is None or value not in AANWEZIG:
            return HttpResponseBadRequest(_("Onbekende inschrijving of waarde."))
        try:
            services.inschrijving_set_aanwezig(inschrijving, AANWEZIG[value])
        except ValidationError as error:
            messages.error(request, error.messages[0])
        return redirect("netwerk:inschrijvingen", slug=bijeenkomst.slug)
    rows = bijeenkomst.inschrijvingen.select_related("gemeente").prefetch_related(
        "sessies"
    )
    return render(
        request,
        "netwerk/agenda/inschrijvingen.html",
        {
            "bijeenkomst": bijeenkomst,
            "bevestigd": rows.filter(status=Inschrijving.Status.BEVESTIGD),
            "wachtlijst": rows.filter(status=Inschrijving.Status.WACHTLIJST),
            "geannuleerd": rows.filter(status=Inschrijving.Status.GEANNULEERD),
        },
    )


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


EXPORT_HEADERS = [
    "Naam",
    "E-mail",
    "Organisatie",
    "Gemeente",
    "Status",
    "Sessies",
    "Voeding of toegankelijkheid",
    "Ingeschreven op",
    "Aanwezig",
]


def _export_rows(bijeenkomst):
    rows = bijeenkomst.inschrijvingen.select_related("gemeente").prefetch_related(
        "sessies"
    )
    for i in rows:
        yield [
            i.naam,
            i.email,
            i.organisatie,
            i.gemeente.name if i.gemeente else "",
            i.get_status_display(),
            [s.title for s in i.sessies.all()],
            i.opmerkingen,
            timezone.localtime(i.created_at).strftime("%Y-%m-%d %H:%M"),
            {True: "ja", False: "nee"}.get(i.aanwezig, ""),
        ]


@organisers_only
def inschrijvingen_export(request, bijeenkomst, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    name = f"inschrijvingen-{slugify(bijeenkomst.slug)}"
    if fmt == "xlsx":
        return xlsx_response(
            name, EXPORT_HEADERS, _export_rows(bijeenkomst), title="Inschrijvingen"
        )
    return csv_response(name, EXPORT_HEADERS, _export_rows(bijeenkomst))


@organisers_only
def aanwezigheidslijst(request, bijeenkomst):
    """The presence list to sign, as a PDF: the confirmed registrations."""
    pdf = render_pdf(
        "netwerk/pdf/aanwezigheidslijst.html",
        {
            "bijeenkomst": bijeenkomst,
            "inschrijvingen": bijeenkomst.inschrijvingen.filter(
                status=Inschrijving.Status.BEVESTIGD
            )
            .select_related("gemeente")
            .order_by("naam"),
        },
    )
    return pdf_response(pdf, f"aanwezigheidslijst-{bijeenkomst.slug}.pdf")
