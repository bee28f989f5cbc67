"""Exporters: a laid-out PDF → files for a purpose (raster images for screens and platforms)."""
