"""The learning community's pages. Every view asks leergemeenschap.rules; what a
user may not know exists is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from atelier.exports import csv_response
from atelier.geojson import features_json, wrap_collection
from atelier.media import private_file_response
from atelier.pdf import pdf_response, render_pdf
from netwerk.models import Bijeenkomst

from . import rules, services
from .forms import InschrijvingForm, PraktijkvoorbeeldForm
from .models import (
    Case,
    CaseBijlage,
    Evaluatie,
    Hefboom,
    Inschrijving,
    PeilingAntwoord,
    Praktijkvoorbeeld,
    SessieDocument,
    Tool,
    Traject,
)


def _traject(request, slug):
    return get_object_or_404(Traject.objects.visible_to(request.user), slug=slug)


def _hefboom(request, slug, hefboom):
    return get_object_or_404(
        Hefboom.objects.visible_to(request.user).select_related("traject"),
        traject__slug=slug,
        slug=hefboom,
    )


def _staff_or_404(request):
    if not rules.is_staff(request.user):
        raise Http404


def _places_geojson(cases, voorbeelden):
    """The cases and practice examples that lie on the map, one FeatureCollection
    (PostGIS writes the features)."""
    from django.db.models import Value

    parts = []
    for queryset, soort in ((cases, _("case")), (voorbeelden, _("praktijkvoorbeeld"))):
        features, count = features_json(
            queryset.filter(punt__isnull=False).order_by("pk"),
            geometry="punt",
            properties={"naam": "title", "soort": Value(soort)},
        )
        if count:
            parts.append(features[1:-1])
    return wrap_collection("[" + ",".join(parts) + "]") if parts else None


def _agenda_url(bijeenkomst):
    """The gathering's page in the network's agenda, once that app has one."""
    if bijeenkomst is None:
        return None
    try:
        return bijeenkomst.get_absolute_url()
    except NoReverseMatch:
        return None


def traject_list(request):
    trajecten = Traject.objects.visible_to(request.user).prefetch_related(
        "organisatoren"
    )
    return render(
        request,
        "leergemeenschap/traject_list.html",
        {"running": trajecten.running(), "past": trajecten.past()},
    )


def traject_detail(request, slug):
    traject = _traject(request, slug)
    today = timezone.localdate()
    hefbomen = traject.hefbomen.visible_to(request.user).prefetch_related("tools")
    participating = set(
        Hefboom.objects.filter(pk__in=rules.participant_hefbomen(request.user))
        .filter(traject=traject)
        .values_list("pk", flat=True)
    )
    cases = Case.objects.visible_to(request.user).filter(traject=traject)
    voorbeelden = Praktijkvoorbeeld.objects.visible_to(request.user).filter(
        traject=traject
    )
    startdag = (
        Bijeenkomst.objects.visible_to(request.user)
        .filter(pk=traject.startdag_id)
        .first()
    )
    context = {
        "traject": traject,
        "places_geojson": _places_geojson(cases, voorbeelden),
        "fasen": traject.fasen.all(),
        "current": traject.current_fase(today),
        "today": today,
        "hefbomen": hefbomen,
        "participating": participating,
        "startdag": startdag,
        "startdag_url": _agenda_url(startdag),
        "cases": cases,
        "voorbeelden": voorbeelden,
        "may_register": rules.registering_organisaties(request.user).exists()
        and any(h.registration_open() for h in hefbomen),
        "is_staff": rules.is_staff(request.user),
        "may_answer_survey": rules.may_answer_survey(request.user)
        and traject.peiling_themas.exists(),
    }
    return render(request, "leergemeenschap/traject_detail.html", context)


def hefboom_detail(request, slug, hefboom):
    hefboom = _hefboom(request, slug, hefboom)
    material = rules.may_view_session_material(request.user, hefboom)
    sessies = hefboom.werksessies.select_related("bijeenkomst").filter(
        bijeenkomst__in=Bijeenkomst.objects.visible_to(request.user)
    )
    return render(
        request,
        "leergemeenschap/hefboom_detail.html",
        {
            "hefboom": hefboom,
            "traject": hefboom.traject,
            "sessies": sessies,
            "material": material,
            "may_evaluate": rules.may_evaluate(request.user, hefboom)
            and hefboom.tools.exists()
            and services.evaluation_open(hefboom),
            "is_staff": rules.is_staff(request.user),
            "inschrijvingen": hefboom.inschrijvingen.select_related("organisatie")
            if material
            else None,
        },
    )


def werksessie_detail(request, slug, hefboom, nummer):
    hefboom = _hefboom(request, slug, hefboom)
    if not rules.may_view_session_material(request.user, hefboom):
        raise Http404
    werksessie = get_object_or_404(
        hefboom.werksessies.select_related("bijeenkomst"), volgnummer=nummer
    )
    staff = rules.is_staff(request.user)
    return render(
        request,
        "leergemeenschap/werksessie_detail.html",
        {
            "hefboom": hefboom,
            "traject": hefboom.traject,
            "werksessie": werksessie,
            "show_input": werksessie.verslag_gepubliceerd_op is not None or staff,
            "is_staff": staff,
            "deelnemers": hefboom.inschrijvingen.confirmed().select_related(
                "organisatie"
            )
            if staff
            else (),
            "aanwezig_ids": set(
                werksessie.aanwezigheden.values_list("inschrijving_id", flat=True)
            ),
            "aanwezig": werksessie.aanwezigheden.select_related(
                "inschrijving__organisatie"
            ),
        },
    )


def sessie_document(request, pk):
    document = get_object_or_404(
        SessieDocument.objects.select_related("werksessie__hefboom__traject"), pk=pk
    )
    werksessie = document.werksessie
    hefboom = werksessie.hefboom
    if not (
        Hefboom.objects.visible_to(request.user).filter(pk=hefboom.pk).exists()
        and rules.may_view_session_material(request.user, hefboom)
        and (werksessie.verslag_gepubliceerd_op or rules.is_staff(request.user))
    ):
        raise Http404
    return private_file_response(document.bestand, document.naam)


def case_bijlage(request, pk):
    bijlage = get_object_or_404(
        CaseBijlage.objects.filter(
            case__in=Case.objects.visible_to(request.user).values("pk")
        ),
        pk=pk,
    )
    return private_file_response(bijlage.bestand, bijlage.naam)


@login_required
def inschrijven(request, slug):
    traject = _traject(request, slug)
    if not rules.registering_organisaties(request.user).exists():
        raise Http404
    form = InschrijvingForm(
        request.POST or None, request.FILES or None, user=request.user, traject=traject
    )
    if request.method == "POST" and form.is_valid():
        try:
            inschrijvingen = services.inschrijving_submit(
                user=request.user,
                organisatie=form.cleaned_data["organisatie"],
                hefbomen=form.cleaned_data["hefbomen"],
                contactpersonen=form.cleaned_data["contactpersonen"],
                relevant=form.cleaned_data["relevant"],
                case=form.case(),
                bijlagen=form.files_data(),
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            if inschrijvingen[0].status == Inschrijving.Status.BEVESTIGD:
                messages.success(
                    request,
                    _("Uw inschrijving is bevestigd. U ontvangt een e-mail."),
                )
            else:
                messages.success(
                    request,
                    _(
                        "Uw inschrijving is ontvangen; IOK laat u weten of er plaats "
                        "is. U ontvangt een e-mail."
                    ),
                )
            return redirect(traject)
    return render(
        request,
        "leergemeenschap/inschrijven.html",
        {
            "traject": traject,
            "form": form,
            "hefbomen": traject.hefbomen.filter(gepubliceerd=True),
            "now": timezone.now(),
        },
    )


@login_required
def evaluatie(request, slug, hefboom):
    hefboom = _hefboom(request, slug, hefboom)
    inschrijving = (
        hefboom.inschrijvingen.confirmed()
        .filter(organisatie__lidmaatschappen__user=request.user)
        .first()
    )
    if inschrijving is None or not services.evaluation_open(hefboom):
        raise Http404
    tools = list(hefboom.tools.all())
    errors = []
    if request.method == "POST":
        scores = {}
        for tool in tools:
            raw = request.POST.get(f"score-{tool.pk}", "")
            try:
                score = int(raw)
            except ValueError:
                score = None
            scores[tool] = (score, request.POST.get(f"commentaar-{tool.pk}", ""))
        try:
            services.evaluatie_submit(
                user=request.user, inschrijving=inschrijving, scores=scores
            )
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, _("Bedankt voor uw evaluatie."))
            return redirect(hefboom)
    return render(
        request,
        "leergemeenschap/evaluatie.html",
        {
            "hefboom": hefboom,
            "traject": hefboom.traject,
            "tools": tools,
            "errors": errors,
            "scores": range(1, 6),
        },
    )


def evaluatie_resultaten(request, slug, hefboom):
    _staff_or_404(request)
    hefboom = _hefboom(request, slug, hefboom)
    results = services.evaluation_results(hefboom).prefetch_related(
        Prefetch(
            "evaluaties",
            queryset=Evaluatie.objects.select_related(
                "tool", "inschrijving__organisatie"
            ),
        )
    )
    if request.GET.get("formaat") == "csv":
        rows = (
            [
                e.tool.title,
                e.inschrijving.organisatie.name,
                e.score,
                e.commentaar,
            ]
            for tool in results
            for e in tool.evaluaties.all()
        )
        return csv_response(
            f"evaluatie-{hefboom.traject.slug}-{hefboom.slug}",
            [_("Tool"), _("Organisatie"), _("Score"), _("Commentaar")],
            rows,
        )
    return render(
        request,
        "leergemeenschap/evaluatie_resultaten.html",
        {"hefboom": hefboom, "traject": hefboom.traject, "results": results},
    )


@login_required
def peiling(request, slug):
    traject = _traject(request, slug)
    organisaties = rules.registering_organisaties(request.user)
    themas = list(traject.peiling_themas.all())
    if not organisaties.exists() or not themas:
        raise Http404
    errors = []
    if request.method == "POST":
        organisatie = organisaties.filter(
            pk=request.POST.get("organisatie") or 0
        ).first()
        answers = {}
        for thema in themas:
            raw = request.POST.get(f"belang-{thema.pk}", "")
            try:
                belang = int(raw) if raw else None
            except ValueError:
                belang = 0
            answers[thema] = (belang, request.POST.get(f"voorbeeld-{thema.pk}", ""))
        try:
            if organisatie is None:
                raise ValidationError(_("Kies uw organisatie."))
            services.peiling_submit(
                user=request.user, organisatie=organisatie, antwoorden=answers
            )
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, _("Bedankt: uw antwoorden zijn bewaard."))
            return redirect(traject)
    return render(
        request,
        "leergemeenschap/peiling.html",
        {
            "traject": traject,
            "themas": themas,
            "organisaties": organisaties,
            "errors": errors,
            "scores": range(1, 6),
        },
    )


def peiling_resultaten(request, slug):
    _staff_or_404(request)
    traject = _traject(request, slug)
    results = services.peiling_results(traject).prefetch_related(
        Prefetch(
            "antwoorden",
            queryset=PeilingAntwoord.objects.select_related("organisatie"),
        )
    )
    return render(
        request,
        "leergemeenschap/peiling_resultaten.html",
        {"traject": traject, "results": results},
    )


def _toolbox_context(request, traject):
    if not rules.may_view_toolbox(request.user, traject):
        raise Http404
    hefbomen = traject.hefbomen.visible_to(request.user).prefetch_related(
        Prefetch(
            "tools",
            queryset=Tool.objects.prefetch_related(
                "modeldocumenten",
                Prefetch(
                    "praktijkvoorbeelden",
                    queryset=Praktijkvoorbeeld.objects.visible_to(request.user),
                ),
                Prefetch("cases", queryset=Case.objects.visible_to(request.user)),
            ),
        )
    )
    return {"traject": traject, "hefbomen": hefbomen}


def toolbox(request, slug):
    from modeldocumenten.models import DocumentSoort

    traject = _traject(request, slug)
    context = _toolbox_context(request, traject)
    context["is_staff"] = rules.is_staff(request.user)
    if context["is_staff"]:
        context["soorten"] = DocumentSoort.objects.all()
    return render(request, "leergemeenschap/toolbox.html", context)


def toolbox_pdf(request, slug):
    traject = _traject(request, slug)
    pdf = render_pdf(
        "leergemeenschap/pdf/toolbox.html", _toolbox_context(request, traject)
    )
    return pdf_response(pdf, f"toolbox-{traject.slug}.pdf")


@login_required
def praktijkvoorbeeld_indienen(request, slug):
    traject = _traject(request, slug)
    if not rules.may_submit_praktijkvoorbeeld(request.user):
        raise Http404
    form = PraktijkvoorbeeldForm(request.POST or None, traject=traject)
    if request.method == "POST" and form.is_valid():
        try:
            services.praktijkvoorbeeld_submit(
                user=request.user,
                traject=traject,
                title=form.cleaned_data["title"],
                beschrijving=form.cleaned_data["beschrijving"],
                hefboom=form.cleaned_data["hefboom"],
                punt=form.cleaned_data["punt"],
                organisatie=rules.user_organisaties(request.user).first(),
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request,
                _("Bedankt! Uw voorbeeld verschijnt zodra IOK het nagekeken heeft."),
            )
            return redirect(traject)
    return render(
        request,
        "leergemeenschap/praktijkvoorbeeld_form.html",
        {"traject": traject, "form": form},
    )


def beheer(request, slug):
    """Staff: registrations that wait for approval, examples to moderate."""
    _staff_or_404(request)
    traject = _traject(request, slug)
    return render(
        request,
        "leergemeenschap/beheer.html",
        {
            "traject": traject,
            "inschrijvingen": Inschrijving.objects.filter(
                hefboom__traject=traject, status=Inschrijving.Status.TE_BEOORDELEN
            ).select_related("organisatie", "hefboom"),
            "voorbeelden": traject.praktijkvoorbeelden.filter(
                status=Praktijkvoorbeeld.Status.INGEDIEND
            ),
            "hefbomen": traject.hefbomen.all(),
        },
    )


@require_POST
def beheer_beslis(request, slug, soort, pk):
    _staff_or_404(request)
    traject = _traject(request, slug)
    accept = request.POST.get("beslissing") == "aanvaarden"
    try:
        if soort == "inschrijving":
            inschrijving = get_object_or_404(
                Inschrijving, pk=pk, hefboom__traject=traject
            )
            services.inschrijving_decide(inschrijving, by=request.user, approve=accept)
        else:
            voorbeeld = get_object_or_404(Praktijkvoorbeeld, pk=pk, traject=traject)
            services.praktijkvoorbeeld_moderate(
                voorbeeld, by=request.user, publish=accept
            )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Bewaard."))
    return redirect("leergemeenschap:beheer", slug=traject.slug)


def home_section_context(request):
    open_hefbomen = (
        Hefboom.objects.visible_to(request.user)
        .open_for_registration()
        .select_related("traject")
        .order_by("inschrijven_tot")
    )
    return {"hefbomen": open_hefbomen} if open_hefbomen else None


def gemeente_section_context(request, gemeente):
    trajecten = Traject.objects.visible_to(request.user).with_participant_gemeente(
        gemeente
    )
    return {"gemeente": gemeente, "trajecten": trajecten} if trajecten else None


# --- staff actions (POST only; each calls a service, which decides) ---------------


def _parse_moment(value):
    from django.utils.dateparse import parse_datetime

    try:
        moment = parse_datetime(value or "")
    except ValueError:
        moment = None
    if moment is None:
        raise ValidationError(_("Geef een geldige datum en tijd (JJJJ-MM-DD UU:MM)."))
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


@require_POST
def hefboom_actie(request, slug, hefboom, actie):
    """Staff on a hefboom page: plan the next session, publish the hefboom."""
    _staff_or_404(request)
    hefboom = _hefboom(request, slug, hefboom)
    try:
        if actie == "sessie":
            start = _parse_moment(request.POST.get("start"))
            einde = _parse_moment(request.POST.get("einde"))
            services.werksessie_add(
                hefboom,
                start=start,
                einde=einde,
                agenda=request.POST.get("agenda", ""),
                locatie_naam=request.POST.get("locatie_naam", "")[:200],
            )
            messages.success(request, _("De werksessie is gepland."))
        elif actie == "publiceren":
            services.hefboom_publish(hefboom)
            messages.success(request, _("De hefboom is gepubliceerd."))
        else:
            raise Http404
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(hefboom)


@require_POST
def werksessie_actie(request, slug, hefboom, nummer, actie):
    """Staff on a session page: publish the processed input, record attendance."""
    _staff_or_404(request)
    hefboom = _hefboom(request, slug, hefboom)
    werksessie = get_object_or_404(hefboom.werksessies, volgnummer=nummer)
    try:
        if actie == "input":
            services.werksessie_publish_input(
                werksessie,
                verslag=request.POST.get("verslag", ""),
                documenten=[
                    (f.name, f.read()) for f in request.FILES.getlist("documenten")
                ],
                by=request.user,
            )
            messages.success(request, _("De verwerkte input is gepubliceerd."))
        elif actie == "aanwezigheid":
            ids = [v for v in request.POST.getlist("inschrijving") if v.isdigit()]
            services.aanwezigheid_record(
                werksessie, hefboom.inschrijvingen.confirmed().filter(pk__in=ids)
            )
            messages.success(request, _("De aanwezigheden zijn bewaard."))
        else:
            raise Http404
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(werksessie)


@require_POST
def toolbox_actie(request, slug, actie):
    """Staff: publish the toolbox, or make a tool a draft model document."""
    from modeldocumenten.models import DocumentSoort

    _staff_or_404(request)
    traject = _traject(request, slug)
    try:
        if actie == "publiceren":
            services.toolbox_publish(traject)
            messages.success(request, _("De toolbox is gepubliceerd."))
        elif actie == "modeldocument":
            tool = get_object_or_404(
                Tool, pk=request.POST.get("tool") or 0, hefboom__traject=traject
            )
            soort = (
                DocumentSoort.objects.filter(pk=request.POST.get("soort") or 0).first()
                or DocumentSoort.objects.first()
            )
            services.tool_promote_to_modeldocument(tool, by=request.user, soort=soort)
            messages.success(
                request,
                _("Er staat een concept-modeldocument klaar ter review."),
            )
        else:
            raise Http404
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("leergemeenschap:toolbox", slug=traject.slug)
