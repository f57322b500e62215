from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "yangguang.review"
    label = "review"
    verbose_name = "法制审核"

    def ready(self) -> None:
        from yangguang.review import access_rules

        access_rules.register()
        # Inside every case step's transaction: keep case.is_major current, check the proposal
        # against the discretion benchmark, open review rounds on submission.
        from yangguang.cases.services import on_apply
        from yangguang.review.gate import on_case_step

        on_apply(on_case_step)
