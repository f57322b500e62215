from django.urls import path

from yangguang.cases import views

app_name = "cases"

urlpatterns = [
    path("", views.my_cases, name="my_cases"),
    path("new/", views.new_case, name="new"),
    path("entities/", views.entity_lookup, name="entity_lookup"),
    path("deadlines/", views.deadlines, name="deadlines"),
    path("flowchart/", views.flowcharts, name="flowcharts"),
    path("flowchart/<str:kind>.svg", views.flowchart, name="flowchart"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/act/<str:action>/", views.case_act, name="act"),
    path("<int:pk>/persons/", views.person_add, name="person_add"),
    path("<int:pk>/persons/<int:person_id>/delete/", views.person_remove, name="person_remove"),
    path("<int:pk>/record.json", views.export_record, name="export"),
]
