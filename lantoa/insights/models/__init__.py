"""Insights models: watchlists and matches, topics, labels and classifiers, alerts and
what monitors thought of them."""

from .alerts import Alert, AlertRule
from .analysis import ItemAnalysis, ItemMatch, Label, Topic, Watchlist
from .backtests import Backtest, BacktestSample
from .bulletins import BulletinRecipient
from .feedback import AlertFeedback, SensitivityChange
from .learning import ClassifierModel, TrainingJob
from .stories import StoryKeys

__all__ = [
    "Alert",
    "AlertFeedback",
    "AlertRule",
    "Backtest",
    "BacktestSample",
    "BulletinRecipient",
    "ClassifierModel",
    "ItemAnalysis",
    "ItemMatch",
    "Label",
    "SensitivityChange",
    "StoryKeys",
    "Topic",
    "TrainingJob",
    "Watchlist",
]
