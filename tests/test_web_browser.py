"""The hub's pages in a real browser (Debian's Chromium, headless): the citizen scans the
receipt, reads the status and rates; the province logs in, checks the figures, publishes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import MISSING, PHONE, chromium
from citizen_support import desk, scanned_link
from console_support import (
    ADMIN,
    PASSWORD,
    add_users,
    calendar_file,
    mixed_set,
    period_of,
    province,
)
from forms_helpers import take_in
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait
from sync_support import OFFICE_A, HubServer

from counter_app import clock
from counter_app.lifecycle import Status
from sync.engine import sync_now

pytestmark = pytest.mark.skipif(MISSING is not None, reason=MISSING or "")


@pytest.fixture
def hub(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[HubServer]:
    server = HubServer(tmp_path / "hub.sqlite3")
    add_users(server, monkeypatch)
    yield server
    server.stop()


def text(driver: WebDriver, selector: str) -> str:
    """The element's text, once the page that has it is loaded (a click's navigation ends
    after `click()` returns)."""
    found = WebDriverWait(driver, 15).until(
        expected_conditions.presence_of_element_located((By.CSS_SELECTOR, selector))
    )
    return str(found.text)


def submit(driver: WebDriver, selector: str) -> None:
    """Click a form's button and wait for the next page to replace this one."""
    old = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.CSS_SELECTOR, selector).click()
    WebDriverWait(driver, 15).until(lambda _driver: gone(old))


def gone(element: WebElement) -> bool:
    """Replaced by the next page. Chromium answers a node of a page being torn down either as
    stale or, in the middle of the navigation, "does not belong to the document": both say the
    old page is gone (Selenium's staleness_of knows only the first)."""
    try:
        element.is_enabled()
    except StaleElementReferenceException:
        return True
    except WebDriverException as exc:
        if "does not belong to the document" in str(exc):
            return True
        raise
    return False


def test_citizen_scans_the_receipt_reads_the_status_and_rates(
    hub: HubServer, tmp_path: Path
) -> None:
    c, clerk = desk(tmp_path, hub)
    d = take_in(c, clerk)
    link = scanned_link(c, d, tmp_path)  # from the printed receipt, as a phone camera reads it
    assert sync_now(c).ok
    with chromium(PHONE, 740) as browser:
        browser.get(link)
        assert text(browser, "h1") == f"Hồ sơ {d.code}"
        assert text(browser, "#status") == "Đã tiếp nhận"
        assert not browser.find_elements(By.CSS_SELECTOR, "form")
        assert browser.execute_script("return document.documentElement.scrollWidth") <= PHONE
        c.dossiers.change_status(clerk, d.code, Status.PROCESSING)
        c.dossiers.change_status(clerk, d.code, Status.RESULT_READY)
        c.dossiers.return_result(clerk, d.code, "Trần Thị Mai")
        assert sync_now(c).ok
        browser.refresh()
        assert text(browser, "#status") == "Đã trả kết quả"
        for question in ("manner", "time", "fees"):
            browser.find_element(
                By.CSS_SELECTOR, f'input[name="{question}"][value="hai_long"]'
            ).click()
        browser.find_element(By.CSS_SELECTOR, 'input[name="overall"][value="rat_hai_long"]').click()
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        assert not browser.find_element(By.CSS_SELECTOR, "form").is_displayed()  # printable
        assert browser.find_element(By.ID, "status").is_displayed()
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
        submit(browser, 'button[type="submit"]')
        assert "Cảm ơn ông/bà đã đánh giá" in text(browser, "[role=status]")
        assert browser.find_element(
            By.CSS_SELECTOR, 'input[name="overall"][value="rat_hai_long"]'
        ).is_selected()
    assert sync_now(c).ok
    assert [(r.channel, r.level) for r in c.dossiers.ratings(d.code)] == [("web", "rat_hai_long")]


def test_province_logs_in_reads_the_figures_of_stats_json_and_publishes(
    hub: HubServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    c, clerk = desk(tmp_path, hub)
    mixed_set(c, clerk, monkeypatch)
    first, last = period_of(clock.now())
    capsys.readouterr()
    assert province(hub, "stats", "--json", "--from", first, "--to", last) == 0
    office = json.loads(capsys.readouterr().out)["on_time"]["offices"][OFFICE_A]
    upload = tmp_path / "lich.json"
    upload.write_bytes(calendar_file(tmp_path))
    with chromium() as browser:
        browser.get(f"{hub.url}/tinh")
        assert browser.current_url.endswith("/tinh/dang-nhap")
        browser.find_element(By.ID, "username").send_keys(ADMIN)
        browser.find_element(By.ID, "password").send_keys(PASSWORD)
        submit(browser, "main button[type=submit]")
        assert browser.current_url.endswith("/tinh")
        browser.get(f"{hub.url}/tinh?from={first}&to={last}")
        cells = [
            td.text
            for td in browser.find_elements(By.CSS_SELECTOR, f'tr[data-office="{OFFICE_A}"] td')
        ]
        expected = [
            office[k]
            for k in (
                "received",
                "settled",
                "on_time_or_early",
                "late",
                "on_time_rate",
                "satisfaction_index",
            )
        ]
        assert cells == [str(v) for v in expected]
        submit(browser, 'th a[href*="sort=late"]')  # sort by the late column
        assert "sort=late" in browser.current_url
        submit(browser, 'nav a[href$="/cong-bo"]')
        browser.find_element(By.CSS_SELECTOR, 'input[name="kind"][value="calendar"]').click()
        browser.find_element(By.ID, "file").send_keys(str(upload))
        submit(browser, "main form button[type=submit]")
        assert "Đã công bố lịch 5" in text(browser, "#published")
        assert text(browser, "#v-calendar") == "#1"
    assert sync_now(c).ok and c.calendar_book.published_version() == 5
