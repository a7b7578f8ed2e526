"""Documents with grades, costs and a service team, for the app's tests of those fields."""

from __future__ import annotations

from workbench_helpers import small_org

from orgdesigner.core.model import Document, Grade, Person, Team


def graded_org() -> Document:
    """The small organisation with a grade scale on its ladders and a design service team.

    Grades: g1 Associate, g2 Senior, g3 Lead. Engineers' L1 is Associate, L2
    Senior; the manager level M1 is Lead. Studio is a service team owned by
    Dee (product, no level) that serves nobody yet.
    """
    d = small_org()
    d.grades = [
        Grade(id="g1", name="Associate"),
        Grade(id="g2", name="Senior"),
        Grade(id="g3", name="Lead"),
    ]
    eng = d.role("eng")
    assert eng is not None
    eng.levels[0].grade = "g1"
    eng.levels[1].grade = "g2"
    eng.levels[1].cost = 100_000
    em = d.role("em")
    assert em is not None
    em.levels[0].grade = "g3"
    d.teams.append(Team(id="t-studio", name="Studio", mission="Design for all", owner="dee"))
    d.teams[-1].model = "service"
    d.people.append(Person(id="dee", name="Dee Dale", role="pm", manager="cto", team="t-studio"))
    d.forget_index()
    return d
