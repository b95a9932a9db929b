//! A progress bar for long builds: shown on a terminal only, and only once a
//! build has run for a second (short builds stay quiet).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::sync::Mutex;
use std::time::{Duration, Instant};

const SHOW_AFTER: Duration = Duration::from_secs(1);

pub struct Progress {
    bar: Option<ProgressBar>,
    started: Instant,
    shown: Mutex<bool>,
}

impl Progress {
    /// `enabled`: stderr is a terminal and the user did not ask for quiet.
    pub fn new(enabled: bool) -> Progress {
        let bar = enabled.then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
            let style = ProgressStyle::with_template("{prefix:>8} [{bar:30}] {pos}/{len}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> ");
            bar.set_style(style);
            bar
        });
        Progress {
            bar,
            started: Instant::now(),
            shown: Mutex::new(false),
        }
    }

    /// Starts a phase of `len` steps.
    pub fn phase(&self, name: &'static str, len: usize) {
        if let Some(bar) = &self.bar {
            bar.set_prefix(name);
            bar.set_length(len as u64);
            bar.set_position(0);
        }
    }

    pub fn step(&self) {
        let Some(bar) = &self.bar else { return };
        bar.inc(1);
        if self.started.elapsed() > SHOW_AFTER
            && let Ok(mut shown) = self.shown.lock()
            && !*shown
        {
            *shown = true;
            bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
