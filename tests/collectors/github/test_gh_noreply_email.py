"""Commit rows keep a GitHub no-reply author address whole (public; it names a login, which links
git-only commits through identities.toml) and no other address."""

from collectors.github.rows import commit_row


def _commit(email):
    return {"sha": "abc", "author": None, "committer": None, "parents": [{}],
            "commit": {"author": {"name": "Ann", "email": email, "date": "2024-01-01T00:00:00Z"},
                       "committer": {"name": "Ann", "email": "ann@lab.org",
                                     "date": "2024-01-01T00:00:00Z"},
                       "message": "fix"}}  # fmt: skip


def test_noreply_address_is_kept_lower_cased():
    row = commit_row("o/r", _commit("12345+Ann-Lee@users.noreply.github.com"))
    assert row["author_noreply_email"] == "12345+ann-lee@users.noreply.github.com"
    assert row["author_email_domain"] == "users.noreply.github.com"


def test_other_addresses_are_not():
    row = commit_row("o/r", _commit("Ann.Lee@Lab.ORG"))
    assert row["author_noreply_email"] is None
    assert not any("Ann.Lee" in str(v) for v in row.values())
