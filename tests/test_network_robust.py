"""chainrule network against hostile input and output (issue 11, point 4): a data file too big,
too wide or not a file at all, an output that is a FIFO or a symbolic link, numbers no float
holds, options that do nothing together, and a finite-difference check past what floats resolve.

Anything that could hang runs in a subprocess whose timeout only guards the test run: the
assertions are on the exit code and the message, never on the time taken."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from chainrule.cli.app import app
from chainrule.network import NetworkError
from chainrule.network.samples import MAX_LINE, MAX_ROWS, load_csv

runner = CliRunner()

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")


def cli(*args: str):
    return runner.invoke(app, ["network", *args], env={"COLUMNS": "80", "NO_COLOR": "1"})


def refused(result, message: str) -> None:
    """Exit 2, one line on stderr saying ``message``, no traceback."""
    assert result.exit_code == 2, result.stdout + result.stderr
    assert message in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def subprocess_cli(*args: str, cwd=None) -> subprocess.CompletedProcess:
    """The command in a process of its own; the timeout keeps a hang from stalling the suite."""
    env = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "chainrule", "network", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=cwd,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


# -- --data: read as a stream, bounded, only a regular file --------------------------------------


def test_a_csv_past_the_row_limit_is_refused(tmp_path):
    path = tmp_path / "big.csv"
    path.write_text("x,y\n" + "0.5,1\n" * (2 * MAX_ROWS), encoding="utf-8")
    refused(cli("--train", "--data", str(path)), f"more than {MAX_ROWS:,} rows")


def test_reading_stops_at_the_row_limit(tmp_path):
    # Past the limit come an over-long line and bytes that are not UTF-8: a reader that took
    # in the whole file first would stumble on them; one that stops at the limit never sees them.
    path = tmp_path / "big.csv"
    head = ("0.5,1\n" * (MAX_ROWS + 1)).encode()
    path.write_bytes(head + b"9" * 200_000 + b"\n\xff\xfe,1\n")
    with pytest.raises(NetworkError, match=f"more than {MAX_ROWS:,} rows"):
        load_csv(path)


def test_exactly_the_limit_is_read(tmp_path):
    path = tmp_path / "full.csv"
    path.write_text("x,y\n" + "0.5,1\n" * MAX_ROWS + "\n\n", encoding="utf-8")
    assert len(load_csv(path)) == MAX_ROWS


def test_a_file_of_blank_lines_ends_too(tmp_path):
    path = tmp_path / "blank.csv"
    path.write_text("\n" * (3 * MAX_ROWS), encoding="utf-8")
    with pytest.raises(NetworkError, match="lines; this teaching tool takes up to"):
        load_csv(path)


def test_a_field_past_csvs_own_limit_is_a_clear_refusal(tmp_path):
    # Python's csv stops at 131,072 characters a field with csv.Error; a line is refused first.
    path = tmp_path / "wide.csv"
    path.write_text("1" * 140_000 + ",1\n", encoding="utf-8")
    refused(cli("--train", "--data", str(path)), f"line 1: longer than {MAX_LINE:,} characters")


def test_a_quoted_field_across_lines_past_csvs_limit_is_a_clear_refusal(tmp_path):
    path = tmp_path / "quoted.csv"
    path.write_text('"' + ("1" * 900 + "\n") * 200 + '",1\n', encoding="utf-8")
    with pytest.raises(NetworkError, match="not a CSV row"):
        load_csv(path)


@pytest.mark.parametrize(
    ("name", "message"),
    [("dir", "a folder, not a file"), ("missing.csv", "no such file"), ("-", "standard input")],
)
def test_what_is_not_a_csv_file_is_refused(tmp_path, monkeypatch, name, message):
    (tmp_path / "dir").mkdir()
    monkeypatch.chdir(tmp_path)
    refused(cli("--train", "--data", name), message)


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_a_device_is_refused_before_any_read():
    refused(cli("--train", "--data", "/dev/zero"), "/dev/zero: a device, not a file")


@needs_fifo
def test_a_fifo_with_no_writer_is_refused_not_waited_on(tmp_path):
    fifo = tmp_path / "rows.csv"
    os.mkfifo(fifo)
    result = subprocess_cli("--train", "--data", str(fifo))
    assert result.returncode == 2
    assert "a pipe (FIFO), not a file" in result.stderr and "Traceback" not in result.stderr


def test_the_help_mirrors_the_row_limit():
    from chainrule.cli import network as cli_network

    assert cli_network.MAX_ROWS == MAX_ROWS


def test_bytes_that_are_not_utf8_are_a_clear_refusal(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes(b"x,y\n\xe9,1\n")
    refused(cli("--train", "--data", str(path)), "not UTF-8 text")


# -- --svg and --plot: a regular file or a new path, never through a link, never waiting ----------


@needs_fifo
@pytest.mark.parametrize("option", ["--svg", "--plot"])
def test_an_output_fifo_is_refused_not_waited_on(tmp_path, option):
    fifo = tmp_path / "out.svg"
    os.mkfifo(fifo)
    args = ["--train", "--steps", "5"] if option == "--plot" else []
    result = subprocess_cli(*args, option, str(fifo), "--format", "text")
    assert result.returncode == 2
    assert "cannot write" in result.stderr and "a pipe (FIFO)" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(("option", "name"), [("--svg", "view.svg"), ("--plot", "j.png")])
def test_an_output_symlink_is_refused_and_its_target_kept(tmp_path, option, name):
    if option == "--plot":
        pytest.importorskip("matplotlib")
    target = tmp_path / "notes.txt"
    target.write_text("keep me\n", encoding="utf-8")
    link = tmp_path / name
    try:
        link.symlink_to(target)
    except OSError:
        pytest.skip("no symbolic links here")
    args = ["--train", "--steps", "5"] if option == "--plot" else []
    refused(cli(*args, option, str(link), "--format", "text"), "it is a symbolic link")
    assert target.read_text(encoding="utf-8") == "keep me\n"


def test_a_dangling_symlink_is_refused_too(tmp_path):
    link = tmp_path / "view.svg"
    try:
        link.symlink_to(tmp_path / "elsewhere.svg")
    except OSError:
        pytest.skip("no symbolic links here")
    refused(cli("--svg", str(link), "--format", "text"), "it is a symbolic link")
    assert not (tmp_path / "elsewhere.svg").exists()


def test_a_link_that_appears_after_the_check_is_not_followed(tmp_path):
    from chainrule.plotting import PlotError, open_output

    target = tmp_path / "notes.txt"
    target.write_text("keep me\n", encoding="utf-8")
    link = tmp_path / "view.svg"
    try:
        link.symlink_to(target)
    except OSError:
        pytest.skip("no symbolic links here")
    if not hasattr(os, "O_NOFOLLOW"):
        pytest.skip("no O_NOFOLLOW on this platform")
    with pytest.raises(PlotError, match="symbolic link"), open_output(link) as f:
        f.write("overwritten")
    assert target.read_text(encoding="utf-8") == "keep me\n"


@needs_fifo
def test_a_fifo_that_appears_after_the_check_is_not_waited_on(tmp_path):
    fifo = tmp_path / "view.svg"
    os.mkfifo(fifo)
    code = (
        "import sys\nfrom chainrule.plotting import PlotError, open_output\n"
        "try:\n    with open_output(sys.argv[1]) as f: f.write('x')\n"
        "except PlotError as e:\n    print(e)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(fifo)], capture_output=True, text=True, timeout=60
    )
    assert "a pipe (FIFO)" in result.stdout


def test_a_regular_file_is_overwritten_and_a_new_path_created(tmp_path):
    old = tmp_path / "old.svg"
    old.write_text("old", encoding="utf-8")
    for path in (old, tmp_path / "new.svg"):
        result = cli("--svg", str(path), "--format", "text")
        assert result.exit_code == 0, result.stderr
        assert path.read_text(encoding="utf-8").startswith("<svg")


# -- numbers no float holds: refused as input, null in JSON ---------------------------------------


def strict_json(text: str):
    """json.loads that refuses Infinity, -Infinity and NaN, as strict parsers do."""
    import json

    def reject(constant):
        raise ValueError(f"not strict JSON: {constant}")

    return json.loads(text, parse_constant=reject)


@pytest.mark.parametrize(
    "args",
    [
        ["--at", "w1=1e400", "--train"],
        ["--at", "w1=1e400"],
        ["--at", "x=-1e999"],
        ["--at", "y=1e400", "--param", "w2"],
    ],
)
def test_a_number_past_the_floats_is_refused_up_front(args):
    name, number = args[1].split("=")
    refused(cli(*args, "-f", "json"), f"{name}={number} is not a finite number")


@pytest.mark.parametrize(
    "args",
    [
        ["--at", "x=1e300,w1=1e300"],
        ["--at", "x=1e160,w1=1e160"],
        ["--at", "x=1e300,w1=1e300,w2=1e300"],
        ["--at", "y=1e200"],
        ["--at", "x=1e300,w1=1e300", "--cost", "cross-entropy"],
        ["--at", "x=1e300,w1=1e300", "--activation", "tanh", "--layers", "2"],
        ["--train", "--steps", "20"],
        ["--train", "--steps", "20", "--lr", "1e308"],
        ["--graph"],
    ],
)
def test_json_is_strict_at_any_magnitude(args):
    result = cli(*args, "-f", "json")
    if result.exit_code == 2:  # refused in words (cross-entropy with ŷ at 0 or 1): fine too
        assert result.stderr.startswith("error: ") and not result.stdout
        return
    assert result.exit_code == 0, result.stderr
    strict_json(result.stdout)


def test_where_a_number_is_undefined_the_json_says_null():
    data = strict_json(cli("--at", "x=1e300,w1=1e300", "-f", "json").stdout)
    assert data["forward"]["z1"] is None  # w1·x overflows


def test_training_stops_when_a_parameter_overflows():
    from chainrule.network import Network
    from chainrule.network.training import train

    with pytest.raises(NetworkError, match="a parameter grew past what a float holds"):
        train(Network(), given={"y": 1e150}, lr=1e200, steps=5)
    with pytest.raises(NetworkError, match="finite number"):
        train(Network(), given={"w1": float("inf")}, steps=5)
    with pytest.raises(NetworkError, match="finite number"):
        train(Network(), [(0.5, float("nan"))], steps=5)


def test_j_too_large_at_the_start_does_not_blame_the_learning_rate():
    result = cli("--train", "--at", "y=1e300")
    refused(result, "J overflows at the start")
    assert "--lr" not in result.stderr


# -- options that would do nothing together are refused, saying what goes with what ----------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--lr", "nan"], "learning rate (--lr) must be a positive finite number, got nan"),
        (["--lr", "inf", "--train"], "positive finite number, got inf"),
        (["--lr", "1e400", "--at", "x=1"], "positive finite number, got inf"),
        (["--lr", "-0.1", "--train"], "positive finite number"),
        (["--lr", "0.1"], "--lr goes with --train or --at"),
        (["--lr", "0.5"], "--lr goes with --train or --at"),  # the default, typed: still unused
        (["--graph", "--lr", "0.1"], "--lr goes with --train or --at"),
        (["--graph", "--at", "x=1"], "--graph and --at go separately"),
        (["--graph", "--train"], "--graph and --train go separately"),
        (["--graph", "--param", "w2"], "--param and --graph go separately"),
        (["--train", "--param", "w2"], "--param and --train go separately"),
        (["--train", "--param", "all"], "--param and --train go separately"),
        (["--steps", "5"], "--steps goes with --train"),
        (["--seed", "3"], "--seed goes with --train"),
        (["--at", "x=1", "--seed", "3"], "--seed goes with --train"),
        (["--train", "--seed", "3", "--at", "w1=1,w2=2"], "--seed has no effect"),
        (["--plot", "j.png"], "--plot draws the training curve: add --train"),
        (["--format", "dot"], "--format dot draws the graph: add --graph"),
        (["--standalone"], "--standalone goes with --format latex"),
    ],
)
def test_an_option_with_no_effect_is_refused(args, message):
    refused(cli(*args, "--format", "text") if "--format" not in args else cli(*args), message)


@pytest.mark.parametrize("point", ["x=0.3", "y=0", "x=0.3,w1=1"])
def test_at_cannot_give_the_sample_that_data_gives(tmp_path, point):
    path = tmp_path / "xy.csv"
    path.write_text("x,y\n0,0.2\n1,0.8\n", encoding="utf-8")
    refused(
        cli("--train", "--data", str(path), "--at", point),
        "x and y come from the data",
    )


def test_data_without_train_is_refused(tmp_path):
    path = tmp_path / "xy.csv"
    path.write_text("x,y\n0,0.2\n", encoding="utf-8")
    refused(cli("--data", str(path)), "--data goes with --train")


@pytest.mark.parametrize(
    "args",
    [
        ["--at", "x=0.3", "--lr", "0.1"],
        ["--at", "x=0.3", "--param", "w2", "--lr", "0.1"],
        ["--train", "--steps", "5", "--seed", "2", "--lr", "0.1", "--at", "w1=0.3,y=0"],
        ["--train", "--steps", "5", "--seed", "2", "--at", "w1=0.3"],  # w2 is still random
        ["--graph", "--layers", "2", "--cost", "cross-entropy"],
        ["--param", "b1", "--activation", "tanh"],
        ["--format", "latex", "--standalone", "--param", "w2"],
    ],
)
def test_options_that_go_together_still_work(args):
    result = cli(*args) if "--format" in args else cli(*args, "--format", "text")
    assert result.exit_code == 0, result.stderr


def test_training_on_data_takes_starting_values_from_at(tmp_path):
    path = tmp_path / "xy.csv"
    path.write_text("x,y\n0,0.2\n1,0.8\n", encoding="utf-8")
    result = cli("--train", "--data", str(path), "--at", "w1=0.3", "--steps", "5", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert strict_json(result.stdout)["records"][0]["params"]["w1"] == 0.3


# -- the finite-difference check: a bug only when the difference settles elsewhere ----------------


def evaluated(point: str, **network):
    from chainrule.network import Network, backprop
    from chainrule.network.numbers import evaluate, parse_point

    net = Network(**network)
    return evaluate(backprop(net, verify=False), parse_point(point, net))


def test_huge_inputs_are_not_a_bug_report():
    result = cli("--at", "x=1e160,w1=1e160", "--format", "text")
    assert result.exit_code == 0, result.stderr
    assert "bug" not in result.stdout and "DISAGREE" not in result.stdout
    assert "– finite difference not meaningful at these magnitudes for ∂J/∂w₁" in result.stdout
    assert "z₁" in result.stdout.split("not meaningful")[1].split("\n")[0]
    assert "✓ the chain rule agrees with the central finite difference for ∂J/∂w₂" in (
        result.stdout
    )


def test_a_link_past_the_floats_is_its_float_limit_not_noise():
    # σ′(z₁) at z₁ = ∞ is 0 in floats; SymPy's evalf once gave 4e-140 for it (no digit sure),
    # times x = 1e160 a gradient of −1.9e19.
    at = evaluated("x=1e160,w1=1e160")
    w1 = at.gradient("w1")
    assert w1.check == "overflow" and at.overflowed == (sympy_symbol("z1"),)
    assert w1.value == 0.0 and w1.factors[3] == 0.0
    assert at.gradient("w2").check == "agrees"


def sympy_symbol(name: str):
    import sympy

    return sympy.Symbol(name)


@pytest.mark.parametrize(
    ("point", "network"),
    [
        ("y=1e100", {}),  # J near 5e199: a step changes it below its last digit
        ("x=1e-8,w1=1e8,b1=-0.3,w2=-3,b2=30,y=0.3", {"cost": "cross-entropy"}),  # 1 − ŷ ≈ 7e-13
        ("x=-1e8,w1=0,b1=1e-20,w2=1,b2=-0.3,y=0", {"cost": "cross-entropy"}),  # σ saturates
        ("x=1e20,w1=1e-300,b1=30,w2=-1,b2=-1e-8,y=0", {"cost": "cross-entropy"}),
        ("x=1e300,w1=1e300,w2=1e300", {}),
        ("x=1000,w1=-1e-20,b1=1e8,w2=-1e-160,b2=-0.001,y=1e100", {"activation": "tanh"}),
        ("x=1e300,w1=1e-160,b1=30,w2=-1e-8,b2=1e-8,w3=0,b3=1,y=1e100", {"layers": 2}),
    ],
)
def test_a_check_the_floats_cannot_make_says_so_calmly(point, network):
    at = evaluated(point, **network)
    assert not at.disagrees
    assert any(g.check in ("overflow", "imprecise") for g in at.gradients)


def test_a_wrong_link_is_still_a_bug_report(monkeypatch):
    """The check still catches what it is for: one link off by a thousandth."""
    from chainrule.network import numbers

    honest = numbers._value

    def off(expr, values, network):
        value = honest(expr, values, network)
        return value * 1.001 if str(expr) == "a1" else value  # ∂z₂/∂w₂ = a₁

    monkeypatch.setattr(numbers, "_value", off)
    at = evaluated("x=0.5")
    assert at.gradient("w2").check == "disagrees" and at.disagrees
    result = cli("--at", "x=0.5", "--format", "text")
    assert "✗ the chain rule and the finite difference DISAGREE for ∂J/∂w₂" in result.stdout
    data = strict_json(cli("--at", "x=0.5", "--format", "json").stdout)
    assert data["params"]["w2"]["finite_difference_check"] == "disagrees"
    assert data["params"]["b2"]["finite_difference_check"] == "agrees"


def test_the_json_says_which_checks_could_not_be_made():
    data = strict_json(cli("--at", "x=1e160,w1=1e160", "-f", "json").stdout)
    checks = {name: p["finite_difference_check"] for name, p in data["params"].items()}
    assert checks == {"w1": "overflow", "b1": "overflow", "w2": "agrees", "b2": "agrees"}


@pytest.mark.parametrize(
    "network",
    [{}, {"activation": "tanh"}, {"cost": "cross-entropy"}, {"layers": 2}],
)
def test_no_point_of_any_magnitude_is_called_a_bug(network):
    """Points drawn from 1e-300 to 1e300, either sign: a DISAGREE here is a false alarm."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from chainrule.network import Network, NetworkError, backprop
    from chainrule.network.numbers import evaluate

    net = Network(**network)
    result = backprop(net, verify=False)
    magnitude = st.sampled_from([0.0, 1e-300, 1e-20, 1e-3, 0.3, 1.0, 3.0, 30.0, 1e8, 1e20, 1e160])
    value = st.builds(lambda m, sign: m * sign, magnitude, st.sampled_from([1, -1]))
    label = st.sampled_from([0.0, 0.3, 1.0]) if net.cost == "cross-entropy" else value

    @settings(max_examples=60, deadline=None)
    @given(st.fixed_dictionaries({p: value for p in ("x", *net.param_names)}), label)
    def check(point, y):
        try:
            at = evaluate(result, {**point, "y": y})
        except NetworkError:  # J undefined or past the floats: refused in words, fine
            return
        assert not at.disagrees, [(g.param, g.value, g.finite_difference) for g in at.gradients]

    check()


# -- the other commands' outputs: explain --svg, plot -o ----------------------------------------


@needs_fifo
@pytest.mark.parametrize(
    "args",
    [("explain", "sin(x)", "--svg", "{path}.svg"), ("plot", "sin(x)", "-o", "{path}.png")],
)
def test_explain_and_plot_refuse_a_fifo_or_a_link_as_their_output(tmp_path, args):
    fifo = tmp_path / "out"
    os.mkfifo(f"{fifo}.svg" if args[0] == "explain" else f"{fifo}.png")
    target = tmp_path / "target"
    link = tmp_path / "link"
    os.symlink(target, f"{link}.svg" if args[0] == "explain" else f"{link}.png")
    for path, said in ((fifo, "pipe (FIFO)"), (link, "symbolic link")):
        argv = [a.format(path=path) for a in args]
        result = runner.invoke(app, argv, env={"COLUMNS": "80", "NO_COLOR": "1"})
        assert result.exit_code == 2 and said in result.stderr
    assert not target.exists()  # nothing written through the link
