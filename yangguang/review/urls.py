from django.urls import path

from yangguang.review import views

app_name = "review"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("staffing/", views.staffing, name="staffing"),
    path("requests/<int:pk>/", views.detail, name="detail"),
    path("requests/<int:pk>/assign/", views.assign, name="assign"),
    path("requests/<int:pk>/opinion/", views.opinion, name="opinion"),
    path("requests/<int:pk>/coordinate/", views.coordinate, name="coordinate"),
    path("requests/<int:pk>/resolve/", views.resolve, name="resolve"),
]
