"""``/connect/``: where the community talks, from the plugin's ``channels`` and
``feedback_url`` options, plus the feeds people can subscribe to."""

from __future__ import annotations

from collections.abc import Iterator

from .pages import Build, PageSpec

KIND_LABELS = {
    "chat": "Chat", "forum": "Forum", "mailing-list": "Mailing list", "social": "Social media",
    "video": "Video", "other": "Elsewhere",
}
KIND_ORDER = tuple(KIND_LABELS)


def pages(build: Build) -> Iterator[PageSpec]:
    settings = build.settings
    groups: dict[str, list] = {}
    for channel in settings.channels:
        kind = channel.kind if channel.kind in KIND_LABELS else "other"
        groups.setdefault(kind, []).append(channel)
    ordered = [(kind, KIND_LABELS[kind], groups[kind]) for kind in KIND_ORDER if kind in groups]
    yield PageSpec(
        url="connect/",
        title="Connect",
        template="community/connect.html",
        context={"channel_groups": ordered},
        description=f"Where {settings.name} talks: chat, forum, mailing list and social "
                    "media, feeds to follow, and how to tell us what you think.",
        section="connect",
        hide=("toc",),
    )
