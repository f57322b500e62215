from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "yangguang.documents"
    label = "documents"

    def ready(self) -> None:
        from yangguang.documents import access_rules

        access_rules.register()
        # ``ledger verify`` walks the issued documents against their entries.
        from yangguang.documents.reconcile import DocumentReconciler
        from yangguang.ledger.reconcile import register

        register("documents.issue", DocumentReconciler)
