from django.urls import path

from yangguang.supervision import views

app_name = "supervision"

urlpatterns = [
    path("", views.cockpit_page, name="cockpit"),
    path("cockpit/cases/", views.cockpit_cases, name="cockpit_cases"),
    path("cockpit/export/", views.cockpit_export, name="cockpit_export"),
    path("assessment/", views.assessment_page, name="assessment"),
    path("models/", views.models_page, name="models"),
    path("models/<slug:code>/", views.hits_page, name="hits"),
    path("models/<slug:code>/mark/", views.mark, name="mark"),
    path("models/<slug:code>/parameters/", views.set_parameters, name="parameters"),
    path("models/<slug:code>/clue/", views.clue_from_hit, name="clue_from_hit"),
    path("clues/", views.clues_page, name="clues"),
    path("clues/<int:pk>/", views.clue_page, name="clue"),
    path("clues/<int:pk>/assign/", views.clue_assign, name="clue_assign"),
    path("clues/<int:pk>/close/", views.clue_close, name="clue_close"),
    path("clues/<int:pk>/documents/", views.clue_issue, name="clue_issue"),
    path("documents/", views.documents_page, name="documents"),
    path("documents/<int:pk>/", views.document_page, name="document"),
    path("documents/<int:pk>/answer/", views.document_answer, name="document_answer"),
    path("documents/<int:pk>/decide/", views.document_decide, name="document_decide"),
    path("answers/<int:pk>/evidence/", views.answer_evidence, name="answer_evidence"),
    path("complaint/", views.complaint, name="complaint"),
    path("campaigns/", views.campaigns_page, name="campaigns"),
    path("campaigns/<int:pk>/", views.campaign_page, name="campaign"),
    path("campaigns/<int:pk>/report/", views.campaign_report, name="campaign_report"),
    path("campaigns/<int:pk>/problems/", views.campaign_problem, name="campaign_problem"),
    path("problems/<int:pk>/progress/", views.problem_progress, name="problem_progress"),
    path("problems/<int:pk>/decide/", views.problem_decide, name="problem_decide"),
    path("problems/<int:pk>/evidence/", views.problem_evidence, name="problem_evidence"),
    path("evaluations/", views.evaluations_page, name="evaluations"),
    path("evaluations/sheets/", views.sheets_page, name="sheets"),
    path("evaluations/<int:pk>/", views.evaluation_page, name="evaluation"),
    path("evaluations/<int:pk>/files/<int:rank>/", views.evaluation_file, name="evaluation_file"),
]
