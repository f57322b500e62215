"""The public portal (公示平台), mounted at /public/; staff pages of the pipeline under /public/manage/."""

from django.urls import path

from yangguang.publicity import views, views_manage, views_publication

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
    # After action (事后公开)
    path("decisions/", views_publication.decision_list, name="decisions"),
    path("search/", views_publication.decision_list, name="search"),
    path("decisions/<int:pk>/", views_publication.decision_detail, name="decision"),
    path("open-data/", views_publication.open_data, name="open_data"),
    path("open-data/decisions.csv", views_publication.decisions_csv, name="decisions_csv"),
    path("open-data/decisions.atom", views_publication.decisions_atom, name="decisions_atom"),
    path("reports/", views_publication.annual_report_list, name="annual_reports"),
    path("ledger/", views_publication.ledger, name="ledger"),
    path("reports/<int:pk>.xlsx", views_publication.annual_report_xlsx, name="annual_report_xlsx"),
    # Staff
    path("manage/", views_manage.board, name="manage_board"),
    path("manage/setting/", views_manage.setting, name="manage_setting"),
    path("manage/leaks/", views_manage.leaks, name="manage_leaks"),
    path("manage/push/", views_manage.push_status, name="manage_push"),
    path("manage/reports/", views_manage.report, name="manage_report"),
    path("manage/reports/publish/", views_manage.report_publish, name="manage_report_publish"),
    path("manage/reports/region.xlsx", views_manage.report_region_xlsx, name="manage_report_region_xlsx"),
    path("manage/<int:pk>/", views_manage.publication, name="manage_publication"),
    path("manage/<int:pk>/approve/", views_manage.approve, name="manage_approve"),
    path("manage/<int:pk>/redact/", views_manage.redact, name="manage_redact"),
    path("manage/<int:pk>/correct/", views_manage.correct, name="manage_correct"),
    path("manage/<int:pk>/withdraw/", views_manage.withdraw, name="manage_withdraw"),
]
