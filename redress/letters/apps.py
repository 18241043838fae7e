from django.apps import AppConfig


class LettersConfig(AppConfig):
    """Letters made from the case itself, checked against the Code before they can be issued."""

    name = "redress.letters"
    label = "letters"
