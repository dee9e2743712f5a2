"""Sample data never links to the real world: a generated item has no URL in fct_waiting_items
(the real repository's issue #N is unrelated), and a person whose every activity is generated has
no profile link in fct_people; collected ones keep theirs, and the sample mark stays."""

from datetime import UTC, datetime

from sqlkit import build_over, project

T = datetime(2025, 6, 1, tzinfo=UTC)


def _issue(number, login, provenance):
    return {
        "id": number, "repo": "o/r", "number": number, "is_pull_request": False,
        "title": f"t{number}", "author_login": login, "author_type": "User", "state": "open",
        "created_at": T, "provenance": provenance,
    }  # fmt: skip


def test_generated_items_and_people_link_nowhere(tmp_path):
    con = build_over(
        tmp_path,
        {
            "github_issues": [
                _issue(1, "sample-user-0001", "sample"),
                _issue(2, "ann", "api"),
                _issue(3, "bo", "api"),
                _issue(4, "bo", "sample"),  # a collected person with a generated item too
            ]
        },
        projects=[project("p", github_repos=["o/r"])],
    )
    items = con.execute(
        "select item, url, is_sample from fct_waiting_items order by item"
    ).fetchall()
    assert items == [
        ("o/r#1", None, True),
        ("o/r#2", "https://github.com/o/r/issues/2", False),
        ("o/r#3", "https://github.com/o/r/issues/3", False),
        ("o/r#4", None, True),
    ]
    people = con.execute(
        "select person, profile_url, is_sample from fct_people order by person"
    ).fetchall()
    assert people == [
        ("ann", "https://github.com/ann", False),
        ("bo", "https://github.com/bo", True),
        ("sample-user-0001", None, True),
    ]
