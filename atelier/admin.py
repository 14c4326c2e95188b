"""The Django admin is for superusers only, at /django-admin/; IOK's back office is
Wagtail's admin at /admin/."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from leaflet.admin import LeafletGeoAdmin

from .models import Gemeente, Lidmaatschap, Organisatie, User


class SuperuserAdminSite(admin.AdminSite):
    site_header = _("Atelier Ruimte Kempen – technisch beheer")

    def has_permission(self, request):
        return request.user.is_active and request.user.is_superuser


superuser_admin_site = SuperuserAdminSite(name="django-admin")


class LidmaatschapInline(admin.TabularInline):
    model = Lidmaatschap
    extra = 0
    autocomplete_fields = ["organisatie"]


@admin.register(User, site=superuser_admin_site)
class AtelierUserAdmin(UserAdmin):
    inlines = [LidmaatschapInline]


@admin.register(Gemeente, site=superuser_admin_site)
class GemeenteAdmin(LeafletGeoAdmin):
    list_display = ["name", "nis_code"]
    search_fields = ["name", "nis_code"]
    readonly_fields = ["nis_code"]


@admin.register(Organisatie, site=superuser_admin_site)
class OrganisatieAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "partnerschap"]
    list_filter = ["kind", "partnerschap"]
    search_fields = ["name"]
