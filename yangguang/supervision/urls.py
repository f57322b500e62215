from django.urls import path

from yangguang.supervision import views

app_name = "supervision"

urlpatterns = [
    path("models/", views.models_page, name="models"),
    path("models/<slug:code>/", views.hits_page, name="hits"),
    path("models/<slug:code>/mark/", views.mark, name="mark"),
]
