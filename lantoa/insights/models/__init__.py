"""Insights models: watchlists and matches, topics, labels and classifiers, alerts."""

from .alerts import Alert, AlertRule
from .analysis import ItemAnalysis, ItemMatch, Label, Topic, Watchlist
from .backtests import Backtest, BacktestSample
from .learning import ClassifierModel, TrainingJob

__all__ = [
    "Alert",
    "AlertRule",
    "Backtest",
    "BacktestSample",
    "ClassifierModel",
    "ItemAnalysis",
    "ItemMatch",
    "Label",
    "Topic",
    "TrainingJob",
    "Watchlist",
]
