"""Git author names that may be one person, for `onramp identities suggest` to propose as
`git_names` (DESIGN.md §4 People; issue 20). Never applied: a maintainer confirms each one by
pasting it into identities.toml.

The SQL rule (git_name_key, sql/macros/rules.sql) already makes one person of git names that
differ only in case, spacing or punctuation, and of a spaceless git name that is a login seen on
GitHub. What it leaves apart, and these rules propose (each with its reason and a confidence):
- one login: a git name used on commits with no login and on commits of exactly one login (medium
  for a name of two words or more, low for one word); a name two logins sign proposes nothing;
- spells a login: a git name whose key is a login's but for its spaces or punctuation
  ("Hailey Schoelkopf" and login haileyschoelkopf): medium;
- reordered: the same words in another order ("Biderman Stella"): medium;
- accents: the same name but for accents ("José García", "Jose Garcia"): medium; but for digits
  ("chris-ha458", "Chris Ha"): low;
- more words: every word of a name in exactly one longer name, and it the longer name's only such
  shorter one ("Quentin Anthony", "Quentin Gregory Anthony"): low;
- initial: "S. Biderman" where exactly one "S… Biderman" is known: low;
- digits or accents against a login ("stella2", login stella): low, only for exactly one login.
Conservative: false merges are worse than misses (people share names), so a proposal that would
join two logins is dropped, keys shorter than five letters never match a login, and an initial
matching two full names proposes nothing. Commits carrying a no-reply address are left to the
no-reply rule. People already listed are not proposed again; a proposal that would extend a
listed person says which, and one that would join two listed people is dropped.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

from core.identities import Identities
from onramp.identity_suggestions import LOW, MEDIUM, Candidate
from warehouse.build import create_macros, git_name_key

MIN_KEY = 5  # a key this short matches too many logins by chance ("ann", "lee")
_RANK = {LOW: 0, MEDIUM: 1}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

# git-only authors as stg_github__commits keys them ('git:' || git_name_key), bots and spaceless
# names that are a seen login left out (the SQL makes those the login already); commits with a
# no-reply address are the no-reply rule's
_GIT_ONLY = """
with
seen as (
    select distinct lower(login) as login from (
        select author_login as login from github_issues
        union all select author_login from github_comments
        union all select author_login from github_commits
    ) where login is not null
),
commits as (
    select trim(author_name) as name, git_name_key(author_name) as key, repo
    from github_commits
    where author_login is null and author_noreply_email is null
        and nullif(trim(author_name), '') is not null
        and not github_is_bot(is_bot, null, author_name)
        and (regexp_matches(trim(author_name), '\\s')
             or lower(trim(author_name)) not in (select login from seen))
),
spellings as (
    select key, name, count(*) as n from commits group by key, name
),
repos as (
    select key, list(distinct repo order by repo) as repos from commits group by key
)
select key, arg_max(name, (name like '% %', n)) as name, sum(n)::bigint as commits,
    any_value(repos.repos) as repos
from spellings
join repos using (key)
group by key
order by key
"""
# the git names logins sign their commits with, by key
_LOGIN_NAMES = """
select git_name_key(author_name) as key, author_login as login,
    arg_max(trim(author_name), authored_at) as name, count(*) as commits
from github_commits
where author_login is not null and nullif(trim(author_name), '') is not null
    and not github_is_bot(is_bot, null, coalesce(author_login, author_name))
group by 1, 2
"""
_LOGINS = """
select login, git_name_key(login) as key, count(*) from (
    select author_login as login from github_issues where not coalesce(is_bot, false)
    union all select author_login from github_comments where not coalesce(is_bot, false)
    union all select author_login from github_commits where not coalesce(is_bot, false)
) where login is not null and login not like '%[bot]'
group by login
"""


def git_name_candidates(con, listed: Identities) -> list[Candidate]:
    create_macros(con)  # the one git-name rule, as the build applies it
    rows = con.execute(_GIT_ONLY).fetchall()
    git_only = {key: (name, n) for key, name, n, _ in rows}
    repos = {key: repos for key, _, _, repos in rows}
    signed: dict[str, dict[str, int]] = defaultdict(dict)  # key -> {login: commits}
    spelled: dict[str, str] = {}  # key -> how a login last wrote it
    for key, login, name, n in con.execute(_LOGIN_NAMES).fetchall():
        signed[key][login] = signed[key].get(login, 0) + n
        spelled.setdefault(key, name)
    seen = con.execute(_LOGINS).fetchall()
    logins = {login.lower(): login for login, _, _ in seen}
    keys = {login: key for login, key, _ in seen}
    login_keys = {login: keys[login] for login in logins.values()}
    edges = _edges(git_only, signed, spelled, login_keys)
    return _candidates(edges, git_only, signed, logins, _owners(listed), repos)


# ---------------------------------------------------------------- rules


def _edges(git_only, signed, spelled, login_keys) -> list[tuple[str, str, str, str]]:
    """(node, node, confidence, reason); a node is 'git:KEY' or 'login:LOWER'."""
    names = _known_names(git_only, signed, spelled)
    edges = []
    edges += _one_login(git_only, signed)
    edges += _spells_login(git_only, login_keys)
    edges += _same_words(git_only, signed, names)
    edges += _extra_words(git_only, signed, names)
    edges += _initials(git_only, signed, names)
    return edges


def _one_login(git_only, signed):
    for key, (name, n) in git_only.items():
        users = signed.get(key, {})
        if len(users) != 1:
            continue  # no login signs it, or two do: a name two people use is nobody's
        ((login, m),) = users.items()
        words = len(_words(name))
        yield (
            f"git:{key}",
            f"login:{login.lower()}",
            MEDIUM if words >= 2 else LOW,
            f"the git name '{name}' is on {n} commits with no login and on {m} commits of "
            f"login '{login}', the only login that signs it"
            + ("" if words >= 2 else "; a one-word name is weak evidence"),
        )


def _spells_login(git_only, login_keys: dict[str, str]):
    """login_keys: each login seen (one spelling of each) and its git_name_key."""
    by_key: dict[str, list[str]] = defaultdict(list)
    by_fold: dict[str, list[str]] = defaultdict(list)
    for login, key in login_keys.items():
        by_key[key].append(login)
        by_fold[_fold(key, digits=True)].append(login)
    for key, (name, _) in git_only.items():
        if len(key) < MIN_KEY:
            continue
        same = by_key.get(key, [])
        if len(same) == 1:
            yield (
                f"git:{key}",
                f"login:{same[0].lower()}",
                MEDIUM,
                f"the git name '{name}' spells login '{same[0]}' but for spaces or punctuation",
            )
            continue
        if same:
            continue
        folded = _fold(key, digits=True)
        near = by_fold.get(folded, [])
        if len(near) == 1 and len(folded) >= MIN_KEY:
            yield (
                f"git:{key}",
                f"login:{near[0].lower()}",
                LOW,
                f"the git name '{name}' differs from login '{near[0]}' only by digits or "
                "accents; check before copying",
            )


def _same_words(git_only, signed, names):
    """The same words in another order, or but for accents or digits, among git names (of git-only
    authors, or signed by exactly one login): medium, low where digits differ ('chris-ha458')."""
    groups: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for key, name in names.items():
        words = _words(name)
        if len(words) >= 2:
            groups[tuple(sorted(_fold(w) for w in words))].append(key)
    for keys in groups.values():
        keys = sorted(keys)
        if len(keys) < 2 or not any(k in git_only for k in keys):
            continue
        first = keys[0]
        for other in keys[1:]:
            a, b = names[first], names[other]
            yield (_node(first, git_only, signed), _node(other, git_only, signed),
                   *_how_alike(a, b))  # fmt: skip


def _how_alike(a: str, b: str) -> tuple[str, str]:
    """(confidence, reason) for two names whose words are the same once folded."""
    wa, wb = _words(a), _words(b)
    ways = []
    if [_fold(w) for w in wa] != [_fold(w) for w in wb]:
        ways.append("in another order")
    if sorted(wa) != sorted(wb):
        ways.append("but for accents")
    digits = re.findall(r"\d+", a) != re.findall(r"\d+", b)
    if digits:
        ways.append("but for digits")
    if not ways:
        ways.append("but for spacing or punctuation")
    reason = f"the git names '{a}' and '{b}' are the same words {' and '.join(ways)}"
    return (LOW, reason + "; check before copying") if digits else (MEDIUM, reason)


def _extra_words(git_only, signed, names):
    """'Quentin Anthony' and 'Quentin Gregory Anthony', 'Stella Biderman' and 'Biderman, Stella
    [USA]': every word of a name of two or more words in one longer name, and that longer name
    the only one holding them: low (a middle name, a suffix, a team tag)."""
    folded = {
        key: frozenset(words)
        for key, name in names.items()
        # whole words only: no initials, no repeated word, enough letters to mean something
        if (words := [_fold(w) for w in _words(name)])
        and min(map(len, words)) >= 2
        and len(set(words)) == len(words)
        and len("".join(words)) >= 6
    }
    for key, words in folded.items():
        if len(words) < 2:
            continue
        longer = [k for k, w in folded.items() if k != key and words < w]
        if len(longer) != 1 or (key not in git_only and longer[0] not in git_only):
            continue
        # and the longer name's only shorter match is this one: one pair, no chain
        shorter = [k for k, w in folded.items() if k != longer[0] and len(w) >= 2
                   and w < folded[longer[0]]]  # fmt: skip
        if shorter != [key]:
            continue
        yield (
            _node(key, git_only, signed),
            _node(longer[0], git_only, signed),
            LOW,
            f"the git name '{names[longer[0]]}' is '{names[key]}' with more words; "
            "check before copying",
        )


def _initials(git_only, signed, names):
    """'S. Biderman' and the one full name 'Stella Biderman' (or 'S Biderman Jr' and 'Stella
    Biderman Jr'): a first initial, the other words equal."""
    full: dict[tuple[str, tuple[str, ...]], list[str]] = defaultdict(list)
    for key, name in names.items():
        words = [_fold(w) for w in _words(name)]
        if len(words) >= 2 and len(words[0]) > 1:
            full[(words[0][0], tuple(words[1:]))].append(key)
    for key, (name, _) in git_only.items():
        words = [_fold(w) for w in _words(name)]
        if len(words) < 2 or len(words[0]) != 1 or len("".join(words[1:])) < 3:
            continue
        matches = full.get((words[0], tuple(words[1:])), [])
        if len(matches) != 1:
            continue  # no full name, or two ("Stella Biderman", "Sam Biderman"): nobody's
        yield (
            f"git:{key}",
            _node(matches[0], git_only, signed),
            LOW,
            f"the git name '{name}' is an initial of '{names[matches[0]]}', the only such full "
            "name; initials are weak evidence: check before copying",
        )


def _known_names(git_only, signed, spelled) -> dict[str, str]:
    """key -> a spelling: the git-only authors, and the names exactly one login signs."""
    names = {key: name for key, (name, _) in git_only.items()}
    for key, users in signed.items():
        if key not in names and len(users) == 1:
            names[key] = spelled[key]
    return names


def _node(key: str, git_only, signed) -> str:
    if key in git_only:
        return f"git:{key}"
    ((login, _),) = signed[key].items()
    return f"login:{login.lower()}"


# ---------------------------------------------------------------- candidates


def _candidates(edges, git_only, signed, logins, owners, repos) -> list[Candidate]:
    parent: dict[str, str] = {}

    def find(node: str) -> str:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for a, b, _, _ in edges:
        parent[find(a)] = find(b)
    groups: dict[str, list[tuple]] = defaultdict(list)
    for edge in edges:
        groups[find(edge[0])].append(edge)
    out = []
    for group in groups.values():
        nodes = sorted({n for a, b, _, _ in group for n in (a, b)})
        users = [n.removeprefix("login:") for n in nodes if n.startswith("login:")]
        keys = [n.removeprefix("git:") for n in nodes if n.startswith("git:")]
        signers = {login.lower() for k in keys for login in signed.get(k, {})}
        if len(users) > 1 or not keys or not signers <= set(users):
            continue  # two logins are two accounts: never joined on a name; nor a name that
            # another login signs
        owned = {owners[n] for n in nodes if n in owners}
        if len(owned) > 1 or (owned and all(n in owners for n in nodes)):
            continue  # would join two listed people, or is listed already
        git_names = [git_only[k][0] for k in keys if f"git:{k}" not in owners]
        confidence = min((c for _, _, c, _ in group), key=_RANK.__getitem__)
        reason = "; ".join(sorted({r for _, _, _, r in group})) + _where(keys, repos)
        if owned:
            (extends,) = owned
            reason += f"; extends listed person '{extends}': merge into that entry"
            name = extends
        else:
            name = max((git_only[k] for k in keys), key=lambda s: (" " in s[0], s[1], s[0]))[0]
        github = tuple(logins[u] for u in users if f"login:{u}" not in owners)
        out.append(Candidate(name, reason, confidence, github=github, git_names=tuple(git_names)))
    return sorted(out, key=lambda c: (-_RANK[c.confidence], c.name))


def _where(keys: list[str], repos: dict[str, list[str]]) -> str:
    """' (git-only commits in o/r, o/s)': where to look before copying."""
    found = sorted({r for k in keys for r in repos.get(k, [])})
    shown = ", ".join(found[:3]) + (f" and {len(found) - 3} more" if len(found) > 3 else "")
    return f" (git-only commits in {shown})" if found else ""


def _owners(listed: Identities) -> dict[str, str]:
    owners = {}
    for person in listed.people:
        for login in (*person.github, *person.noreply_logins()):
            owners[f"login:{login.lower()}"] = person.name
        for name in person.git_names:
            owners[f"git:{git_name_key(name)}"] = person.name
    return owners


def _words(name: str) -> list[str]:
    return _WORD.findall(name.lower())


def _fold(text: str, *, digits: bool = False) -> str:
    """Accents off (NFKD, combining marks dropped); with `digits`, digits off too."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"\d", "", plain) if digits else plain
