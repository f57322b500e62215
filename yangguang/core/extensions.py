"""The one extension mechanism: how an upper app contributes to a lower one without the lower one
importing it.

Imports flow one way (docs/architecture.md, checked by ``tests/test_import_layers.py``): core, ledger,
workdays, roster and documents at the bottom, cases above them, review, evidence, discretion and
publicity above cases. A lower app that needs something from an upper one names an extension point
(a ``Registry``); the upper app contributes to it once, in its ``AppConfig.ready()``:

- the case workflow (``yangguang.cases.extensions``): named guards, effects run inside a step's
  transaction or after its commit, and the app's own timeline step kinds;
- the staff pages (this module): home-page data (``HOME_CONTEXT``), home-page panels
  (``HOME_PANELS``) and navigation menu entries (``MENU``).

Contributions are keyed by name; the same contribution registered twice (``ready()`` run again) is
kept once, two different ones under one name fail loudly. Each extension point also registers a
validator (``validator``); the system check ``yangguang.E001`` (``core/apps.py``) runs them all at
start-up (``migrate``, ``runserver``, ``serve``, ``run_tasks``, the test session), so a contribution naming an
action, a guard or a document code that the declaration no longer has stops the platform with a
message saying which app contributed what.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.urls import NoReverseMatch, reverse

T = TypeVar("T")


class Registry(Generic[T]):
    """Named contributions of one kind, in registration order, each remembering the app it came from."""

    def __init__(self, what: str) -> None:
        self.what = what
        self._items: dict[str, tuple[str, T]] = {}

    def add(self, name: str, item: T, *, app: str) -> T:
        existing = self._items.get(name)
        if existing is not None:
            if existing[1] is item or existing[1] == item:
                return item
            raise ImproperlyConfigured(f"{self.what} “{name}” is contributed twice (by {existing[0]} and by {app})")
        self._items[name] = (app, item)
        return item

    def remove(self, name: str) -> None:
        """Take a contribution out again (tests that register a temporary one)."""
        self._items.pop(name, None)

    def __contains__(self, name: object) -> bool:
        return name in self._items

    def __getitem__(self, name: str) -> T:
        return self._items[name][1]

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._items))

    def get(self, name: str) -> T | None:
        found = self._items.get(name)
        return found[1] if found else None

    def app_of(self, name: str) -> str:
        return self._items[name][0]

    def values(self) -> list[T]:
        return [item for _, item in self._items.values()]

    def items(self) -> list[tuple[str, T]]:
        return [(name, item) for name, (_, item) in self._items.items()]


# --- start-up validation ---------------------------------------------------------------------------

Validator = Callable[[], list[str]]
_validators: dict[str, Validator] = {}


def validator(name: str) -> Callable[[Validator], Validator]:
    """Register ``fn() -> list of problems`` run by the start-up check (once per name)."""

    def register(fn: Validator) -> Validator:
        _validators[name] = fn
        return fn

    return register


def problems() -> list[str]:
    """Every problem every extension point finds with what was contributed to it."""
    found: list[str] = []
    for fn in _validators.values():
        found.extend(fn())
    return found


def check() -> None:
    """Raise ``ImproperlyConfigured`` listing every problem (none: return)."""
    found = problems()
    if found:
        raise ImproperlyConfigured("Extension contributions do not match the declarations:\n- " + "\n- ".join(found))


# --- home panels and menu entries ------------------------------------------------------------------


@dataclass(frozen=True)
class HomePanel:
    """A panel on the home page. ``panels(user, role)`` returns the panels to show, each a dict with
    ``title`` and ``template`` (rendered with the page context plus ``panel``); an empty list shows
    nothing."""

    name: str
    panels: Callable[[Any, str], list[dict[str, Any]]]


@dataclass(frozen=True)
class MenuEntry:
    """An entry of the navigation menu: the URL name, its label (a lazy translation) and who sees it:
    the roles in ``roles`` and, if ``action`` is set, whoever the permission policy allows that action
    (every signed-in user when both are None). ``order`` sorts the menu."""

    url_name: str
    label: Any
    roles: frozenset[str] | None = None
    action: str | None = None
    order: int = 100


@dataclass(frozen=True)
class HomeContext:
    """Data an app puts into the home page's context (e.g. the roster's agency statistics and the
    signed-in officer's certificate): ``provide(user, role, today) -> dict`` merged into the context
    the ``core/home_<role>.html`` templates read."""

    name: str
    provide: Callable[[Any, str, Any], dict[str, Any]]


@dataclass(frozen=True)
class TodoSource:
    """What an app puts in the to-do centre (待办中心). ``items(user, today)`` returns dicts with
    ``bucket`` ("mine": waits for the user; "soon": due within 3 working days; "overdue"),
    ``kind`` (short label), ``title``, ``note``, ``url``, ``due`` (a date or None) and ``since``
    (when it started waiting, or None)."""

    name: str
    items: Callable[[Any, Any], list[dict[str, Any]]]


TODO_BUCKETS = ("mine", "soon", "overdue")

HOME_PANELS: Registry[HomePanel] = Registry("home panel")
HOME_CONTEXT: Registry[HomeContext] = Registry("home context")
MENU: Registry[MenuEntry] = Registry("menu entry")
# ``allows(user, action) -> bool``: the permission policy (yangguang.access) registers itself here,
# so that core asks it about menu entries without importing it.
TODO_SOURCES: Registry[TodoSource] = Registry("to-do source")
PERMISSION_CHECKS: Registry[Callable[[Any, str], bool]] = Registry("permission check")


def home_panel(app: str, name: str, panels: Callable[[Any, str], list[dict[str, Any]]]) -> HomePanel:
    return HOME_PANELS.add(name, HomePanel(name, panels), app=app)


def home_context(app: str, name: str, provide: Callable[[Any, str, Any], dict[str, Any]]) -> HomeContext:
    return HOME_CONTEXT.add(name, HomeContext(name, provide), app=app)


def menu_entry(
    app: str,
    url_name: str,
    label: Any,
    *,
    roles: set[str] | frozenset[str] | None = None,
    action: str | None = None,
    order: int = 100,
) -> MenuEntry:
    entry = MenuEntry(url_name, label, frozenset(roles) if roles is not None else None, action, order)
    return MENU.add(url_name, entry, app=app)


def todo_source(app: str, name: str, items: Callable[[Any, Any], list[dict[str, Any]]]) -> TodoSource:
    return TODO_SOURCES.add(name, TodoSource(name, items), app=app)


def todo_for(user: Any, today: Any) -> dict[str, list[dict[str, Any]]]:
    """The user's to-do items from every contributed source, by bucket: what waits for him oldest
    first, what is due soonest first."""
    out: dict[str, list[dict[str, Any]]] = {b: [] for b in TODO_BUCKETS}
    for source in TODO_SOURCES.values():
        for item in source.items(user, today):
            out[item["bucket"]].append(item)
    out["mine"].sort(key=lambda i: (i.get("since") is None, i.get("since") or today))
    for bucket in ("soon", "overdue"):
        out[bucket].sort(key=lambda i: i.get("due") or today)
    return out


TODO_CACHE_SECONDS = 120
_TODO_VERSION = "yg:todo:version"


def todo_changed() -> None:
    """Something that changes to-do lists committed (an approval, a step): cached counts are stale."""
    try:
        cache.incr(_TODO_VERSION)
    except ValueError:
        cache.set(_TODO_VERSION, 1, None)


def todo_counts(user: Any, today: Any) -> dict[str, int]:
    """The number of items per bucket, cached per user and day until something changes (at most
    ``TODO_CACHE_SECONDS``): the top bar shows them on every page."""
    version = cache.get_or_set(_TODO_VERSION, 1, None)
    key = f"yg:todo:{getattr(user, 'pk', 0)}:{today}:{version}"
    counts = cache.get(key)
    if counts is None:
        counts = {b: len(items) for b, items in todo_for(user, today).items()}
        cache.set(key, counts, TODO_CACHE_SECONDS)
    return dict(counts)


def menu_for(user: Any) -> list[MenuEntry]:
    """The menu entries ``user`` sees, in order."""
    role = getattr(user, "role", "")
    allows = PERMISSION_CHECKS.get("policy")
    out = []
    for entry in sorted(MENU.values(), key=lambda e: e.order):
        if entry.roles is not None and role not in entry.roles:
            continue
        if entry.action is not None and (allows is None or not allows(user, entry.action)):
            continue
        out.append(entry)
    return out


@validator("core.menu")
def _menu_problems() -> list[str]:
    out = []
    for name, entry in MENU.items():
        try:
            reverse(entry.url_name)
        except NoReverseMatch:
            out.append(f"menu entry “{name}” of {MENU.app_of(name)} names no URL")
        if entry.action is not None and "policy" not in PERMISSION_CHECKS:
            out.append(
                f"menu entry “{name}” of {MENU.app_of(name)} needs the permission policy, which is not registered"
            )
    return out
