"""Social media outputs: Report → long poster and card sets as vector PDF + PNG with alt text.

- :func:`build_poster` (``poster``): auto-height long poster, PNG per density,
  numbered segments when it is taller than a platform allows.
- :func:`build_cards` (``cards``): a card set for one preset, fitted card by card
  (shrink to the floor size, then （续）), one PDF page per card.
- :data:`PRESETS` (``presets``): page sizes, safe areas and platform policies.
- :func:`files` (``output``): a result → files and manifest fields (``role: social``).
"""

from .cards import build_cards
from .fit import BASE_PX, FLOOR_PX, FitError
from .output import CardReport, SocialImage, SocialOptions, SocialResult, files
from .poster import build_poster
from .presets import CARD_PRESETS, DEFAULT_CARD_PRESET, PRESETS, Preset, get_preset

__all__ = [
    "BASE_PX", "CARD_PRESETS", "CardReport", "DEFAULT_CARD_PRESET", "FLOOR_PX", "FitError", "PRESETS",
    "Preset", "SocialImage", "SocialOptions", "SocialResult", "build_cards", "build_poster", "files",
    "get_preset",
]
