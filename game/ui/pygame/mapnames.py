"""The names the map writes, marked for translation: the map's data (assets/maps/turkestan.json)
is in English, and a class playing in another language should read its own names for the
seas, rivers, cities and regions. A test keeps this list in step with the data file."""

from __future__ import annotations

from game.i18n import N_, _

NAMES = (
    N_("Caspian Sea"),
    N_("Aral Sea"),
    N_("Lake Balkhash"),
    N_("Issyk-Kul"),
    N_("Amu Darya"),
    N_("Panj"),
    N_("Syr Darya"),
    N_("Naryn"),
    N_("Kara Darya"),
    N_("Zeravshan"),
    N_("Vakhsh"),
    N_("Kafirnigan"),
    N_("Surkhan Darya"),
    N_("Murghab"),
    N_("Chirchik"),
    N_("Tashkent"),
    N_("Kokand"),
    N_("Samarkand"),
    N_("Bukhara"),
    N_("Kagan"),
    N_("Khiva"),
    N_("Termez"),
    N_("Ferghana Valley"),
    N_("Andijan"),
    N_("Namangan"),
    N_("Osh"),
    N_("Khujand"),
    N_("Dushanbe"),
    N_("Chardzhou"),
    N_("Merv"),
    N_("Ashgabat"),
    N_("Krasnovodsk"),
    N_("Karshi"),
    N_("Kerki"),
    N_("Mazar-i-Sharif"),
    N_("Pishpek"),
    N_("Verny"),
    N_("Kazalinsk"),
    N_("Perovsk"),
    N_("KYZYLKUM"),
    N_("KARAKUM"),
    N_("USTYURT"),
    N_("PAMIR"),
    N_("TIAN SHAN"),
    N_("HINDU KUSH"),
    N_("PERSIA"),
    N_("AFGHANISTAN"),
    N_("CHINA"),
)


def shown(name: str) -> str:
    """A map name in the player's language (a name missing here is drawn as written)."""
    return _(name)
