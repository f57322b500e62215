from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "yangguang.documents"
    label = "documents"

    def ready(self) -> None:
        from yangguang.documents import access_rules

        access_rules.register()
