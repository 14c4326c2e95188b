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
