from django.urls import path

from . import feeds, views

app_name = "modeldocumenten"
urlpatterns = [
    path("download/<int:versie>/<str:kind>/", views.download, name="download"),
    path("rss/", feeds.ModelDocumentFeed(), name="feed-rss"),
    path("atom/", feeds.ModelDocumentAtomFeed(), name="feed-atom"),
    path("rss/<slug:thema>/", feeds.ModelDocumentFeed(), name="feed-rss-thema"),
    path("atom/<slug:thema>/", feeds.ModelDocumentAtomFeed(), name="feed-atom-thema"),
    path("thema-volgen/", views.follow_theme, name="follow-theme"),
]
