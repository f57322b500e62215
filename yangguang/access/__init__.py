"""The one permission policy (权限策略): who may do what to which object.

Every page, API handler, admin class, export and management command that acts for a user asks
``yangguang.access.policy`` (``allows``, ``require``, ``scope``, ``explain``). Each app registers the
rules of its actions once, in its ``AppConfig.ready()`` (an ``access_rules.py`` module); see
``policy`` for the mechanism and docs/architecture.md for its place in the layers.

This package imports only ``yangguang.core`` (and Django): the facts it judges (roles, agencies,
region scope, case membership, certificates) are conditions contributed by the apps that own them.
"""
