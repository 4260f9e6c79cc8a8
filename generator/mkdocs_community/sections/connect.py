"""``/connect/``: where the community talks, from the plugin's ``channels`` and
``feedback_url`` options, plus the feeds people can subscribe to."""

from __future__ import annotations

from collections.abc import Iterator

from mkdocs_community.core.build import Build, PageSpec
from mkdocs_community.core.i18n import N_

KIND_LABELS = {
    "chat": N_("Chat"), "forum": N_("Forum"), "mailing-list": N_("Mailing list"),
    "social": N_("Social media"), "video": N_("Video"), "other": N_("Elsewhere"),
}
KIND_ORDER = tuple(KIND_LABELS)


def pages(build: Build) -> Iterator[PageSpec]:
    settings = build.settings
    _ = build.lang.gettext
    groups: dict[str, list] = {}
    for channel in settings.channels:
        kind = channel.kind if channel.kind in KIND_LABELS else "other"
        groups.setdefault(kind, []).append(channel)
    ordered = [(kind, _(KIND_LABELS[kind]), groups[kind]) for kind in KIND_ORDER if kind in groups]
    yield PageSpec(
        url="connect/",
        title=_("Connect"),
        template="community/connect.html",
        context={"channel_groups": ordered},
        description=_("Where %(name)s talks: chat, forum, mailing list and social media, "
                      "feeds to follow, and how to tell us what you think.")
        % {"name": settings.name},
        section="connect",
        hide=("toc",),
    )
