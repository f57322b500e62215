from django.urls import path

from . import views

app_name = "inspections"

urlpatterns = [
    path("plans/", views.plan_list, name="plans"),
    path("plans/<int:pk>/", views.plan_detail, name="plan"),
    path("plans/<int:pk>/approve/", views.plan_approve, name="plan_approve"),
    path("plans/<int:pk>/publish/", views.plan_publish, name="plan_publish"),
    path("plans/<int:pk>/commit/", views.draw_commit, name="draw_commit"),
    path("draws/<int:pk>/reveal/", views.draw_reveal, name="draw_reveal"),
    path("tasks/", views.my_tasks, name="my_tasks"),
    path("tasks/<int:pk>/", views.task_detail, name="task"),
    path("tasks/<int:pk>/result/", views.task_result, name="task_result"),
    path("tasks/<int:pk>/review/", views.task_review, name="task_review"),
    path("tasks/<int:pk>/case/", views.task_case, name="task_case"),
    path("assignments/<int:pk>/replace/", views.assignment_replace, name="assignment_replace"),
    path("conflicts/", views.conflict_list, name="conflicts"),
    path("conflicts/<int:pk>/withdraw/", views.conflict_withdraw, name="conflict_withdraw"),
    path("replacements/", views.replacements, name="replacements"),
    # The public pages (公示平台): no login.
    path("public/", views.public_plans, name="public_plans"),
    path("public/plans/<int:pk>/", views.public_plan, name="public_plan"),
    path("public/draws/<int:pk>/<str:name>", views.public_draw_file, name="public_draw_file"),
    path("public/draw.py", views.public_draw_py, name="public_draw_py"),
    path("public/entity/", views.public_entity, name="public_entity"),
]
