from django.urls import path

from yangguang.core import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("todo/", views.todo, name="todo"),
    path("todo/counts", views.todo_counts, name="todo_counts"),
]
