"""`--db` decides where the pseudonym key lives for the bot collector too, as for import-discord:
one warehouse, one key, one pseudonym per person whichever way their messages arrive."""

from onramp.cli import main

from fakes.discord_server import DiscordServer, FakeDiscord, populate


def test_collect_keeps_its_key_beside_the_db_it_writes(tmp_path, monkeypatch):
    fake = FakeDiscord()
    guild = populate(fake, seed=3, channels=2, threads=2, messages=50, people=5, days=10)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "projects.toml").write_text(
        '[[project]]\nid = "gen"\nname = "Generated"\norganizational_model = "company"\n'
        f'discord_guilds = ["{guild}"]\n'
    )
    monkeypatch.setenv("DISCORD_BOT_TOKEN", fake.token)
    db = tmp_path / "elsewhere" / "raw.duckdb"
    with DiscordServer(fake) as server:
        monkeypatch.setenv("DISCORD_API_BASE", server.base_url)
        assert main(["collect", "--source", "discord", "--no-progress", "--db", str(db)]) == 0
    assert (db.parent / "pseudonym.key").exists()
    assert not (tmp_path / "data" / "pseudonym.key").exists()
