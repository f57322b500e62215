from django.urls import path

from yangguang.workdays import views

app_name = "workdays"

urlpatterns = [path("", views.calendar, name="calendar")]
