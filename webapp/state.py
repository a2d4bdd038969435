"""Per-app state: the settings and the store the app serves."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app

from vdk_graph.config import Settings
from vdk_graph.iris import Minter
from vdk_graph.store import Store


@dataclass
class VdkState:
    settings: Settings
    store: Store

    @property
    def minter(self) -> Minter:
        return Minter(self.settings.base_iri)


def state() -> VdkState:
    return current_app.extensions["vdk"]


def store() -> Store:
    return state().store


def settings() -> Settings:
    return state().settings
