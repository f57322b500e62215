from django.urls import path

from yangguang.workdays import views

app_name = "workdays"

urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("calculate/", views.calculate, name="calculate"),
    path("schedule/", views.schedule_edit, name="schedule_edit"),
    path("changes/", views.due_changes, name="due_changes"),
]
