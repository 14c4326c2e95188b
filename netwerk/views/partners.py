"""The partners of the Netwerk Ruimte Kempen: the directory and a public page per
partner (who, expertise, contact, their projects on the map, their activities and
upcoming gatherings)."""

from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView

from atelier.geojson import feature_collection
from atelier.models import Organisatie
from kempenkaart.models import Project

from ..models import Activiteit, Bijeenkomst


class PartnerListView(TemplateView):
    template_name = "netwerk/partner_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            partners=Organisatie.objects.in_partnerschap(), **kwargs
        )


class PartnerDetailView(TemplateView):
    template_name = "netwerk/partner_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        partner = get_object_or_404(
            Organisatie.objects.in_partnerschap(), slug=self.kwargs["slug"]
        )
        projecten = (
            Project.objects.visible_to(user)
            .filter(partners=partner)
            .select_related("gemeente")
            .order_by("title")
        )
        return super().get_context_data(
            partner=partner,
            projecten=projecten,
            projecten_geojson=feature_collection(
                projecten,
                geometry="locatie",
                properties={"title": "title", "slug": "slug"},
            ),
            activiteiten=Activiteit.objects.visible_to(user)
            .lopend()
            .filter(organisatie=partner)
            .select_related("gemeente", "thema"),
            bijeenkomsten=Bijeenkomst.objects.visible_to(user)
            .planned()
            .upcoming()
            .filter(organisatoren=partner)[:10],
            **kwargs,
        )
