"""The network's pages, one namespace ("netwerk"), one list per part."""

from django.urls import path  # noqa: F401

app_name = "netwerk"

# The agenda: /agenda/, /agenda/<slug>/, /agenda.ics, registrations.
agenda_patterns = []

# Partners, consultations, activities and opportunities, tailored support:
# /netwerk/partners/, /netwerk/overleg/, /netwerk/activiteiten/, /maatwerk/.
netwerk_patterns = []

urlpatterns = [*agenda_patterns, *netwerk_patterns]
