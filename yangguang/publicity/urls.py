"""The public portal (公示平台), mounted at /public/."""

from django.urls import path

from yangguang.publicity import views

app_name = "publicity"

urlpatterns = [
    path("", views.home, name="home"),
    path("agencies/", views.agency_list, name="agencies"),
    path("agencies/<int:pk>/", views.agency_detail, name="agency"),
    path("officers/", views.officer_list, name="officers"),
    path("items/", views.item_list, name="items"),
    path("items/<int:pk>/", views.item_detail, name="item"),
    path("inspection-items/", views.inspection_item_list, name="inspection_items"),
    path("verify/", views.verify_check, name="verify_check"),
    path("verify/<str:token>/", views.verify, name="verify"),
    path("verify/<str:token>/qr/", views.certificate_qr, name="certificate_qr"),
    path("verify/<str:token>/qr.svg", views.certificate_qr_svg, name="certificate_qr_svg"),
    path("verify/<str:token>/photo", views.officer_photo, name="officer_photo"),
]
