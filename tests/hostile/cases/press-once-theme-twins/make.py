"""A project whose booklet adds a theme colour that differs from white in CMYK but shows as
white on screen: the press file, made from the sRGB layout pass, could not tell them apart."""
import shutil
import sys
from pathlib import Path

root, home = Path.cwd(), Path(sys.argv[1]) / "home"
home.mkdir()
for folder in ("fonts", "data"):
    (home / folder).symlink_to(root / folder)
shutil.copytree(root / "layouts", home / "layouts")
config = home / "layouts" / "booklet-a5" / "layout.toml"
config.write_text(config.read_text(encoding="utf-8") + "\n[theme]\nalmost-white = [0, 0, 0, 0.1]\n",
                  encoding="utf-8")
