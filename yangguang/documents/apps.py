from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "yangguang.documents"
    label = "documents"
