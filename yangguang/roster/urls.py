from django.urls import path

from yangguang.roster import certificate_views, entity_views, importer_views, views

app_name = "roster"

urlpatterns = [
    path("regions/", views.region_list, name="regions"),
    path("agencies/", views.agency_list, name="agencies"),
    path("agencies/<int:pk>/", views.agency_detail, name="agency"),
    path("officers/", views.officer_list, name="officers"),
    path("officers/<int:pk>/", views.officer_detail, name="officer"),
    path("officers/<int:pk>/photo", views.officer_photo, name="officer_photo"),
    path("officers/<int:pk>/certificate/", certificate_views.certificate_page, name="certificate"),
    path("certificates/", certificate_views.certificates_page, name="certificates"),
    path("items/", views.item_list, name="items"),
    path("items/<int:pk>/", views.item_detail, name="item"),
    path("inspection-items/", views.inspection_item_list, name="inspection_items"),
    path("entities/", views.entity_list, name="entities"),
    path("entities/<int:pk>/", entity_views.entity_detail, name="entity"),
    path("entity-proposals/", entity_views.entity_proposals, name="entity_proposals"),
    path("import/", views.import_view, name="import"),
    path("import/template/<str:kind>.xlsx", importer_views.template_file, name="import_template"),
    path("export/<str:kind>.xlsx", views.export_view, name="export"),
]
