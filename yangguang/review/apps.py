from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "yangguang.review"
    label = "review"
