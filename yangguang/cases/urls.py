from django.urls import path

from yangguang.cases import approval_views, views

app_name = "cases"

urlpatterns = [
    path("", views.my_cases, name="my_cases"),
    path("new/", views.new_case, name="new"),
    path("entities/", views.entity_lookup, name="entity_lookup"),
    path("deadlines/", views.deadlines, name="deadlines"),
    path("flowchart/", views.flowcharts, name="flowcharts"),
    path("flowchart/<str:kind>.svg", views.flowchart, name="flowchart"),
    path("approvals/", approval_views.approvals, name="approvals"),
    path("approvals/<int:pk>/", approval_views.approval, name="approval"),
    path("approvals/<int:pk>/withdraw", approval_views.withdraw, name="approval_withdraw"),
    path("approvals/delegations/", approval_views.delegate, name="delegate"),
    path("approvals/delegations/<int:pk>/revoke", approval_views.revoke, name="delegation_revoke"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/act/<str:action>/", views.case_act, name="act"),
    path("<int:pk>/persons/", views.person_add, name="person_add"),
    path("<int:pk>/persons/<int:person_id>/delete/", views.person_remove, name="person_remove"),
    path("<int:pk>/record.json", views.export_record, name="export"),
]
