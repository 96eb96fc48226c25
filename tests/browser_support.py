"""Debian's Chromium driven by Selenium, headless, with nothing downloaded: the driver's and the
browser's paths are given, so Selenium Manager never runs, and every profile is fresh."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
MISSING = (
    None
    if CHROMIUM.exists() and CHROMEDRIVER.exists()
    else "needs Debian's chromium and chromedriver: apt-get install chromium chromium-driver"
)
PHONE, DESKTOP = 360, 1280


@contextmanager
def chromium(width: int = DESKTOP, height: int = 900) -> Iterator[webdriver.Chrome]:
    profile = tempfile.mkdtemp(prefix="motcua-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--lang=vi",
        f"--user-data-dir={profile}",
        f"--window-size={width},{height}",
    ):
        options.add_argument(arg)
    # The browser's own words (file pickers, date fields) in Vietnamese, as on an office PC.
    service = Service(executable_path=str(CHROMEDRIVER), env={**os.environ, "LANGUAGE": "vi"})
    driver = webdriver.Chrome(service=service, options=options)
    try:
        set_viewport(driver, width, height)
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def set_viewport(driver: webdriver.Chrome, width: int, height: int) -> None:
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {
            "width": width,
            "height": height,
            "deviceScaleFactor": 1,
            "mobile": width < 600,
        },
    )


def full_page_png(driver: webdriver.Chrome, path: Path, width: int) -> None:
    """The whole page at `width` CSS pixels, as tall as its content."""
    set_viewport(driver, width, 600)
    height = int(driver.execute_script("return document.documentElement.scrollHeight"))
    set_viewport(driver, width, max(height, 200))
    path.write_bytes(driver.get_screenshot_as_png())
