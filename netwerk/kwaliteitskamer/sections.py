"""Blocks the kwaliteitskamer adds to shared pages (atelier.sections)."""

from .models import Advies, Dossier


def project_section_context(request, project):
    """The published advice on a Kempenkaart project (redacted), or nothing."""
    adviezen = list(
        Advies.objects.filter(
            dossier__in=Dossier.objects.published(), dossier__project=project
        ).select_related("dossier__tijdslot")
    )
    return {"adviezen": adviezen} if adviezen else None


def gemeente_section_context(request, gemeente):
    """The municipality's published advice (redacted), or nothing."""
    adviezen = list(
        Advies.objects.filter(
            dossier__in=Dossier.objects.published(), dossier__gemeente=gemeente
        )
        .select_related("dossier__tijdslot")
        .order_by("-dossier__tijdslot__start")[:10]
    )
    return {"adviezen": adviezen, "gemeente": gemeente} if adviezen else None
