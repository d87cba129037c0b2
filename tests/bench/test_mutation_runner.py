"""make mutation's report of a failed run: the error, not mutmut's progress lines."""

from pancreas_kb.bench import mutation


def test_a_failed_runs_report_keeps_the_error_and_drops_the_progress_lines():
    progress = "".join(f"⠼ {n}/12800  🎉 {n} 🫥 3  ⏰ 0  🤔 0  🙁 21  🔇 0  🧙 0\n" for n in range(1000))
    output = "Running mutation testing\n" + progress + "Traceback (most recent call last):\nRuntimeError: boom\n"
    assert (
        mutation.error_tail(output)
        == "Running mutation testing\nTraceback (most recent call last):\nRuntimeError: boom"
    )
    assert len(mutation.error_tail("x" * 5000)) == 1500
