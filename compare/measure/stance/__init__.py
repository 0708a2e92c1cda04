"""Stance and bias of one article: voices, wording, sentiment, loaded language, claim stance."""
