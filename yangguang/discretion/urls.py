from django.urls import path

from yangguang.discretion import views

app_name = "discretion"

urlpatterns = [
    path("", views.benchmark_list, name="benchmarks"),
    path("benchmarks/<int:pk>/", views.benchmark_detail, name="benchmark"),
    path("benchmarks/<int:pk>/publish", views.benchmark_publish, name="benchmark_publish"),
    path("benchmarks/<int:pk>/delete", views.benchmark_delete, name="benchmark_delete"),
    path("import/", views.import_page, name="import"),
    path("import/template.xlsx", views.import_template, name="import_template"),
    path("catalog/", views.catalog_page, name="catalog"),
    path("assistant/", views.assistant, name="assistant"),
    path("assistant/factors/", views.assistant_factors, name="assistant_factors"),
    path("public/", views.public_list, name="public"),
    path("public/<int:pk>/", views.public_detail, name="public_detail"),
]
