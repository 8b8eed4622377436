"""Figures model and loaders."""

from drafter.figures.loader import load_figures
from drafter.figures.model import Figures

__all__ = ["Figures", "load_figures"]
