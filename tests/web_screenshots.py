"""Screenshots of the hub's pages at phone and desktop widths, in headless Chromium.

    .venv/bin/python tests/web_screenshots.py docs/screenshots   (or: make web-screenshots)

A throwaway hub and desks of two offices with a handful of dossiers; nothing is downloaded.
"""

from __future__ import annotations

import io
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

import pytest
from browser_support import DESKTOP, PHONE, chromium, full_page_png
from citizen_support import returned
from console_support import ADMIN, PASSWORD, add_users, mixed_set, period_of
from forms_helpers import take_in
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait
from sync_support import OFFICE_A, OFFICE_B, HubServer, make_counter

from counter_app import clock
from counter_app.lifecycle import Status
from counter_app.signing import receipt_payload
from sync.engine import sync_now


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as mp:
        tmp = Path(folder)
        hub = HubServer(tmp / "hub.sqlite3")
        try:
            add_users(hub, mp)
            mp.setattr("sys.stdin", io.StringIO(""))
            a, clerk_a = make_counter(tmp / "a", OFFICE_A, 1, hub)
            b, clerk_b = make_counter(tmp / "b", OFFICE_B, 1, hub)
            mixed_set(a, clerk_a, mp)
            mixed_set(b, clerk_b, mp)
            waiting = take_in(a, clerk_a)
            a.dossiers.change_status(clerk_a, waiting.code, Status.PROCESSING)
            a.dossiers.change_status(
                clerk_a,
                waiting.code,
                Status.SUPPLEMENT_REQUESTED,
                "Bản sao giấy chứng sinh có chứng thực; tờ khai có chữ ký của người yêu cầu",
            )
            done = returned(a, clerk_a)
            assert sync_now(a).ok and sync_now(b).ok
            link = f"{hub.url}/tra-cuu?mc="
            pages = {
                "citizen-status": link + quote(receipt_payload(a, waiting), safe=""),
                "citizen-rating": link + quote(receipt_payload(a, done), safe=""),
                "citizen-not-found": link + "MC1%7Ckhong-co",
                "citizen-poster-rating": f"{hub.url}/danh-gia?o={OFFICE_A}&q=1",
            }
            for name, url in pages.items():
                for width, suffix in ((PHONE, "phone"), (DESKTOP, "desktop")):
                    with chromium(width) as browser:
                        browser.get(url)
                        full_page_png(browser, out / f"web-{name}-{suffix}.png", width)
            first, last = period_of(clock.now())
            period = f"?from={first}&to={last}"
            console = [period, "/tre-han" + period, "/quay", "/cong-bo", "/quay/1/ap-phich"]
            names = ["figures", "late", "desks", "publish", "poster"]
            for width, suffix in ((PHONE, "phone"), (DESKTOP, "desktop")):
                with chromium(width) as browser:
                    browser.get(f"{hub.url}/tinh/dang-nhap")
                    full_page_png(browser, out / f"web-console-login-{suffix}.png", width)
                    browser.find_element(By.ID, "username").send_keys(ADMIN)
                    browser.find_element(By.ID, "password").send_keys(PASSWORD)
                    old = browser.find_element(By.TAG_NAME, "html")
                    browser.find_element(By.CSS_SELECTOR, "main button[type=submit]").click()
                    WebDriverWait(browser, 15).until(expected_conditions.staleness_of(old))
                    for path, name in zip(console, names, strict=True):
                        browser.get(f"{hub.url}/tinh{path}")
                        full_page_png(browser, out / f"web-console-{name}-{suffix}.png", width)
        finally:
            hub.stop()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
