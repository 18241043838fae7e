"""The workflow buttons are one table (`views.STEPS`): each has its URL, and each URL its step."""

from redress.assessments import urls, views


def test_each_step_is_routed_by_its_own_name_and_only_those():
    routed = {
        pattern.name: pattern.default_args["step"]
        for pattern in urls.urlpatterns
        if pattern.callback is views.run_step
    }
    assert routed == {name: name for name in views.STEPS}
