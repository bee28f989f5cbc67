"""Social presets: a name (``xhs``, ``story`` …) → page size, safe area and platform policy.

A preset is what one platform needs from a card set or poster: the page size in
CSS px (``height=None`` means auto height, the long poster), the safe-area insets
that platform UI covers, whether a QR code and the publisher logo may appear
(off on Douyin, which penalises brand marks, and on the first Xiaohongshu
image, which is throttled when it carries contact information), a byte budget
per image and the largest number of images one post may hold.

Overlay zones (``safe``), from ``shared/reference/platforms.md``:

* ``story`` (9:16, Douyin 图文 / stories): the top 190 px hold the status bar and
  the account line, the bottom 384 px the caption, music line and buttons, the
  right 120 px Douyin's action rail (like, comment, share);
* ``douyin`` (3:4): the top 120 px the status bar and title, the bottom 288 px
  (20 %) the caption and buttons, the right 120 px the action rail.

Both keep the masthead (the publisher and 数读 line, set as text); what they
leave off is the logo image and the QR code, which Douyin's review treats as
brand marks.  ``max_images`` is the platform's limit per post (WeChat Moments 9,
Xiaohongshu and Weibo 18, Instagram 20, Douyin 35): a larger set is condensed
to it (:mod:`.plan`) unless the full set is asked for.

Figures come from ``shared/reference/platforms.md``; most are *reported*, not
official, and should be confirmed by a real upload.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import InputError

MB = 1_000_000


@dataclass(frozen=True)
class SafeArea:
    """Insets in CSS px that platform UI may cover; content stays inside them."""

    top: int = 64
    right: int = 64
    bottom: int = 64
    left: int = 64


@dataclass(frozen=True)
class Preset:
    """One platform target.  ``height=None``: the page height is fitted to the content."""

    name: str
    width: int
    height: int | None
    platform: str
    description: str
    safe: SafeArea = SafeArea()
    qr: bool = True
    logo: bool = True  # the logo image (the masthead text is on every preset)
    first_card_clean: bool = False  # no QR code or logo on the first image
    byte_budget: int | None = None
    max_images: int | None = None
    cover_only: bool = False  # a single title card (WeChat cover), not a full set

    @property
    def size(self) -> str:
        return f"{self.width}×{self.height or 'auto'}"

    def shows_qr(self, card_index: int) -> bool:
        """May the card at 0-based ``card_index`` carry a QR code?"""
        return self.qr and not (self.first_card_clean and card_index == 0)

    def shows_logo(self, card_index: int) -> bool:
        return self.logo and not (self.first_card_clean and card_index == 0)


PRESETS: dict[str, Preset] = {
    preset.name: preset
    for preset in (
        Preset("xhs", 1080, 1440, "xiaohongshu", "小红书 3:4 carousel (default)",
               first_card_clean=True, max_images=18),
        Preset("square", 1080, 1080, "wechat-moments", "1:1 cards for 公众号贴图 and 朋友圈 (9 a post)",
               byte_budget=1 * MB, max_images=9),
        Preset("ig", 1080, 1350, "instagram", "Instagram 4:5 carousel", byte_budget=8 * MB, max_images=20),
        Preset("story", 1080, 1920, "douyin", "9:16 story / 抖音图文 with safe areas",
               safe=SafeArea(top=190, right=120, bottom=384, left=72),
               qr=False, logo=False, max_images=35),
        Preset("douyin", 1080, 1440, "douyin", "抖音图文 3:4 with overlay zones, no QR code or logo image",
               safe=SafeArea(top=120, right=120, bottom=288, left=64), qr=False, logo=False, max_images=35),
        Preset("wechat-cover", 900, 383, "wechat", "公众号 article cover 2.35:1 (title card only)",
               safe=SafeArea(top=32, right=48, bottom=32, left=48),
               qr=False, logo=True, byte_budget=1 * MB, max_images=1, cover_only=True),
        Preset("poster", 1080, None, "wechat", "long poster, 1080 wide, auto height; "
               "segments for WeChat articles (each image < 1 MB)", byte_budget=1 * MB),
    )
}

CARD_PRESETS = tuple(name for name, preset in PRESETS.items() if preset.height is not None)
DEFAULT_CARD_PRESET = "xhs"


def get_preset(name: str) -> Preset:
    """The preset called ``name``; an unknown name is an input error listing the others."""
    try:
        return PRESETS[name]
    except KeyError:
        raise InputError(f"unknown preset {name!r}; available presets: {', '.join(PRESETS)}") from None


def card_preset(name: str) -> Preset:
    """A fixed-size preset for the card layout (``poster`` has no fixed height)."""
    preset = get_preset(name)
    if preset.height is None:
        raise InputError(f"preset {name!r} has no fixed height; card presets: {', '.join(CARD_PRESETS)}")
    return preset
