//! Progress bars for long commands, drawn with indicatif on stderr when it is a terminal,
//! and nothing at all on a pipe, in a file or in CI (`CI` set), so scripts and logs only
//! ever see a command's result.
//!
//! A command shows progress with one line, `let bars = Bars::stderr();`, and passes
//! `&bars` to whatever takes a `&dyn Progress`. Each stage's time goes to the log either way,
//! so a slow run can be taken apart afterwards.

use std::io::IsTerminal;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::progress::{Progress, Unit};

/// One bar (or spinner, when the amount of work is not known) per stage.
pub struct Bars {
    visible: bool,
    current: Mutex<Option<ProgressBar>>,
    /// The stage under way and when it began.
    stage: Mutex<Option<(String, Instant)>>,
}

impl Bars {
    /// Bars on stderr if a person is watching it.
    pub fn stderr() -> Bars {
        Bars {
            visible: watched(),
            current: Mutex::new(None),
            stage: Mutex::new(None),
        }
    }

    /// Logs how long the stage under way took, and starts timing `next`.
    fn time_stage(&self, next: Option<&str>) {
        let mut stage = self.stage.lock().expect("progress lock");
        if let Some((name, began)) = stage.take() {
            tracing::info!(stage = %name, took = %super::log::took(began), "stage done");
        }
        *stage = next.map(|n| (n.to_string(), Instant::now()));
    }

    fn with_bar(&self, f: impl FnOnce(&ProgressBar)) {
        if let Some(bar) = self.current.lock().expect("progress lock").as_ref() {
            f(bar);
        }
    }
}

/// A terminal on stderr, and not a CI runner (whose log may be a terminal but is read later)
/// nor a terminal that cannot move the cursor.
fn watched() -> bool {
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    std::io::stderr().is_terminal()
        && !set("CI")
        && std::env::var("TERM").map_or(true, |t| t != "dumb")
}

fn style(total: Option<u64>, unit: Unit) -> ProgressStyle {
    let template = match (total, unit) {
        (Some(_), Unit::Bytes) => {
            "{prefix} [{wide_bar}] {bytes}/{total_bytes} · {binary_bytes_per_sec} · {eta} left {msg}"
                .to_string()
        }
        (Some(_), Unit::Items(name)) => format!(
            "{{prefix}} [{{wide_bar}}] {{human_pos}}/{{human_len}} {name} · {{per_sec:0}} · {{eta}} left {{msg}}"
        ),
        (None, Unit::Bytes) => {
            "{spinner} {prefix} {bytes} · {binary_bytes_per_sec} · {elapsed} {msg}".to_string()
        }
        (None, Unit::Items(_)) => "{spinner} {prefix} · {elapsed} {msg}".to_string(),
    };
    ProgressStyle::with_template(&template)
        .expect("progress templates are fixed and valid")
        .progress_chars("=> ")
}

impl Progress for Bars {
    fn begin(&self, stage: &str, total: Option<u64>, unit: Unit) {
        self.time_stage(Some(stage));
        if !self.visible {
            return;
        }
        let mut current = self.current.lock().expect("progress lock");
        if let Some(old) = current.take() {
            old.finish_and_clear();
        }
        let bar = ProgressBar::with_draw_target(total, ProgressDrawTarget::stderr())
            .with_style(style(total, unit))
            .with_prefix(stage.to_string());
        // A spinner must turn while the work it stands for gives no news.
        bar.enable_steady_tick(Duration::from_millis(120));
        *current = Some(bar);
    }

    fn advance(&self, n: u64) {
        self.with_bar(|bar| bar.inc(n));
    }

    fn note(&self, text: &str) {
        self.with_bar(|bar| bar.set_message(text.to_string()));
    }

    fn end(&self) {
        self.time_stage(None);
        if let Some(bar) = self.current.lock().expect("progress lock").take() {
            bar.finish_and_clear();
        }
    }
}

impl Drop for Bars {
    /// The result line and any error are printed on a clean line, not after a bar.
    fn drop(&mut self) {
        self.end();
    }
}
