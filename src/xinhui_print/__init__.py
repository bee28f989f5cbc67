"""xinhui-print: 数读 report data + layouts + CJK fonts → booklets, social images, press PDF/X."""

__version__ = "0.1.0"
