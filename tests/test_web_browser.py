"""The pages in a real browser: headless Chromium driven by Playwright, against
``chainrule serve`` started on loopback. Skipped where Playwright or a Chromium is missing
(Playwright's own browser download is not needed: the system's chromium is used)."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")
sync_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = next(
    (shutil.which(name) for name in ("chromium", "chromium-browser") if shutil.which(name)),
    None,
)
if CHROMIUM is None:
    pytest.skip("no chromium on this machine", allow_module_level=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "chainrule", "serve", "--port", str(port), "--workers", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "NO_COLOR": "1"},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(url + "/static/site.css", timeout=1)
                break
            except OSError:
                if process.poll() is not None:
                    pytest.fail(process.stderr.read().decode())
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(10)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        try:
            b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        except Exception as error:  # a chromium that does not start here
            pytest.skip(f"chromium does not start: {error}")
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.violations = []
    page.on(
        "console",
        lambda m: "Content Security Policy" in m.text and page.violations.append(m.text),
    )
    yield page
    assert page.violations == [], "the CSP blocked something of our own"
    context.close()


def test_typing_the_course_formula_shows_the_caret_then_the_steps(server, page):
    page.goto(server + "/explain")
    box = page.get_by_label("Formula")
    box.press_sequentially("log(2+cos(x)", delay=10)
    caret = page.locator("#f-error")
    sync_api.expect(caret).to_contain_text("missing ')'")
    sync_api.expect(box).to_have_attribute("aria-invalid", "true")
    box.press_sequentially(")")
    sync_api.expect(caret).to_be_empty()
    box.press("Enter")
    page.wait_for_url("**/explain?f=log%282%2Bcos%28x%29%29*")
    steps = page.locator("ol.steps")
    sync_api.expect(steps).to_contain_text("Chain rule")
    sync_api.expect(page.locator(".panel.ok")).to_contain_text("checked against sympy.diff")


def test_a_wrong_working_line_is_marked_with_its_mistake(server, page):
    page.goto(server + "/check")
    page.get_by_label("Function").fill("log(2+cos(x))")
    page.get_by_label("Your working, one line per line").fill("1/(2+cos x)*(-sin x)\n= 1/(2+cos x)")
    page.get_by_role("button", name="Check").click()
    sync_api.expect(page.locator("ol.steps li").nth(1)).to_contain_text("Wrong")
    sync_api.expect(page.locator(".panel.failed")).to_contain_text("forgot_inner_derivative")


def test_stepping_through_lesson_2_and_answering_its_exercise(server, page):
    page.goto(server + "/lessons")
    page.get_by_role("link", name="Lesson 2:").click()
    sections = 1
    while page.locator("section.exercise").count() == 0:
        page.get_by_role("link", name="Next").click()
        sections += 1
        assert sections < 10
    exercise = page.locator("section.exercise").first
    exercise.get_by_label("Your answer").fill("cos(x^2)")
    exercise.get_by_role("button", name="Check").click()
    exercise = page.locator("section.exercise").first
    sync_api.expect(exercise).to_contain_text("Where it went wrong")
    exercise.get_by_label("Your answer").fill("2x cos(x^2)")
    exercise.get_by_role("button", name="Check").click()
    sync_api.expect(page.locator("section.exercise").first.locator(".verdict.ok")).to_be_visible()


def test_moving_a_network_slider_changes_the_numbers(server, page):
    page.goto(server + "/network")
    result = page.locator("#result")
    before = result.inner_text()
    slider = page.locator("#w1-slider")
    sync_api.expect(slider).to_be_visible()  # the script shows the sliders
    slider.focus()
    page.keyboard.press("End")  # the keyboard alone moves it: w1 = 5
    sync_api.expect(page.locator("#w1")).to_have_value("5")
    # The address keeps the point (polled: the page's CSP rightly refuses a string to eval).
    for _ in range(50):
        if "w1=5" in page.evaluate("() => location.href"):
            break
        page.wait_for_timeout(50)
    assert "w1=5" in page.evaluate("() => location.href")

    def point() -> str:
        return "".join(result.locator("p").first.text_content().split())

    for _ in range(50):
        if "w1=5," in point():
            break
        page.wait_for_timeout(50)
    assert "w1=5," in point()
    assert result.inner_text() != before


def test_a_shape_of_its_own_and_a_slider_by_its_name(server, page):
    page.goto(server + "/network")
    shape = page.get_by_label("Shape")
    shape.fill("2-2-1")
    shape.press("Tab")  # leaving the box draws the page again for the shape's own numbers
    page.wait_for_url("**/network?*shape=2-2-1*")
    sync_api.expect(page.locator("h1")).to_have_text("The 2-2-1 network")
    result = page.locator("#result")
    before = result.inner_text()
    slider = page.get_by_role("slider", name="w1[1,2]")
    sync_api.expect(slider).to_be_visible()
    slider.focus()
    page.keyboard.press("End")  # w1[1,2] = 5
    sync_api.expect(page.get_by_role("textbox", name="w1[1,2]")).to_have_value("5")
    for _ in range(60):
        if result.inner_text() != before:
            break
        page.wait_for_timeout(50)
    after = result.inner_text()
    assert after != before
    step = next(line for line in after.splitlines() if line.startswith("w1[1,2]"))
    assert step.split()[1] == "5"  # the update's "now" column holds the slider's value
    assert "w1%5B1%2C2%5D=5" in page.evaluate("() => location.href")


def test_practice_hint_button_and_an_answer(server, page):
    page.goto(server + "/practice?level=1&seed=3")
    page.get_by_role("button", name="Hint").click()
    sync_api.expect(page.locator("main")).to_contain_text("Hint:")
    page.get_by_label("Your answer").fill("x")
    page.get_by_role("button", name="Answer").click()
    sync_api.expect(page.locator(".verdict.failed")).to_contain_text("Not right")


def test_the_theme_button_switches_to_dark(server, page):
    page.goto(server + "/explain")
    button = page.locator("#theme")
    button.click()
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    background = page.evaluate("getComputedStyle(document.documentElement).backgroundColor")
    assert background == "rgb(16, 19, 24)"
