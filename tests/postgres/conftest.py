"""A real PostgreSQL server for this folder's tests (pg_cluster.py): one per test process,
a fresh database per test.  Skipped, with the reason, where PostgreSQL cannot run."""
from __future__ import annotations

import pytest

from pg_cluster import Cluster, cluster_or_skip


@pytest.fixture(scope="session")
def pg() -> Cluster:
    cluster = cluster_or_skip()
    yield cluster
    cluster.destroy()


@pytest.fixture
def pg_url(pg: Cluster) -> str:
    return pg.new_database()


@pytest.fixture
def own_pg() -> Cluster:
    """A server of the test's own, to stop and start (an outage) without disturbing the others."""
    cluster = cluster_or_skip()
    yield cluster
    cluster.destroy()
