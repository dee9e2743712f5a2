"""How identities.toml links people in int_persons and fct_people: a no-reply address links
git-only commits, a listed name labels GitHub and Hub rows, a pseudonym is never named."""

from identkit import ADA_DISCORD, CHANNELS, PROJECT, at, identities, message

from sqlkit import build_over, value

NOREPLY = "12+ada-ex@users.noreply.github.com"
ROWS = {
    "discord_channels": CHANNELS,
    "discord_messages": [message(1, ADA_DISCORD, at(1, 10))],
    "github_commits": [
        {"repo": "o/r", "sha": "s1", "author_name": "Ada E.", "author_noreply_email": NOREPLY,
         "authored_at": at(2, 1), "provenance": "api"}
    ],
}  # fmt: skip
FILE = f'[[person]]\nname = "Ada Example"\ndiscord = ["{ADA_DISCORD}"]\nemails = ["{NOREPLY}"]\n'


def test_noreply_address_links_git_only_commits(tmp_path):
    con = build_over(tmp_path, ROWS, [PROJECT], identities(tmp_path, FILE))
    # Discord in January, a git-only commit in February: one person, first seen in January
    assert value(con, "p", "2024-01", "xp_newcomers") == 1
    assert value(con, "p", "2024-02", "xp_newcomers") == 0
    assert value(con, "p", "2024-01", "xp_newcomer_contributor_rate") == 1
    people = dict(
        con.execute(
            "select platform, display_name from fct_people where person_key = 'person-00001'"
        ).fetchall()
    )
    assert people["github"] == "Ada Example"
    assert people["discord"].startswith("Discord member ")  # listed, yet never named


def test_without_the_file_the_commit_is_its_own_person(tmp_path):
    con = build_over(tmp_path, ROWS, [PROJECT])
    assert value(con, "p", "2024-02", "xp_newcomers") == 1
    assert con.execute(
        "select display_name, person_key from fct_people where platform = 'github'"
    ).fetchone() == ("Ada E.", "github:git:adae")  # git_name_key
