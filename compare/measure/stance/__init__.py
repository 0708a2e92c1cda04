"""Stance and bias of one article: voices, wording, sentiment, loaded language, claim stance.

Public functions (re-exported from ``compare``): :func:`stance_features`,
:func:`predict_stance`, :func:`predict_target_sentiment`, :func:`predict_bias`,
:func:`distinctive_terms`, :func:`omissions`, :func:`labelling_differences`.
"""

from compare.measure.stance.bias import predict_bias
from compare.measure.stance.claim import predict_stance
from compare.measure.stance.features import stance_features
from compare.measure.stance.omissions import (
    OtherArticle,
    labelling_differences,
    omissions,
)
from compare.measure.stance.sections import event_stance, pair_stance
from compare.measure.stance.sentiment import predict_target_sentiment
from compare.measure.stance.terms import distinctive_terms
from compare.model import LabellingDifference, Omission, StanceProfile

__all__ = [
    "LabellingDifference",
    "Omission",
    "OtherArticle",
    "StanceProfile",
    "distinctive_terms",
    "event_stance",
    "labelling_differences",
    "omissions",
    "pair_stance",
    "predict_bias",
    "predict_stance",
    "predict_target_sentiment",
    "stance_features",
]
