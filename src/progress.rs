//! How far long work is, for whoever shows it. Each face installs one sink when it starts (the
//! command line writes to its terminal, the window sends an event to the page), and the core reports
//! through `report` as it would log: a migration's search-index rebuild, an import, a backup or a
//! purge cannot be handed a callback by every caller that may set it off. Without a sink, reports go
//! nowhere. A report names no case and no person: a stage and two counts.

use std::sync::RwLock;

use serde::Serialize;

/// The long work Casebook reports on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "kebab-case")]
#[ts(rename = "ProgressStage")]
pub enum Stage {
    /// Letters made in a batch.
    Letters,
    /// Cases (or rows) written by an import.
    Import,
    /// Cases added to the search index (after an upgrade or an import).
    SearchIndex,
    /// Pages of the database copied into a backup.
    Backup,
    /// Cases whose personal data was purged.
    Purge,
}

impl Stage {
    /// What is counted, for a terminal: `12,000/100,000 cases indexed for search`.
    pub fn counted(self) -> &'static str {
        match self {
            Stage::Letters => "letters made",
            Stage::Import => "rows imported",
            Stage::SearchIndex => "cases indexed for search",
            Stage::Backup => "pages backed up",
            Stage::Purge => "cases purged",
        }
    }
}

/// How far one piece of work is: `done` of `total`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(rename = "ProgressReport")]
pub struct Report {
    pub stage: Stage,
    pub done: usize,
    pub total: usize,
}

type Sink = Box<dyn Fn(Report) + Send + Sync>;

static SINK: RwLock<Option<Sink>> = RwLock::new(None);

/// Sends every later report to `sink` (replacing the one before).
pub fn set_sink(sink: impl Fn(Report) + Send + Sync + 'static) {
    *SINK.write().unwrap_or_else(|e| e.into_inner()) = Some(Box::new(sink));
}

/// Reports `done` of `total`. Passed on at the start, at the end and when the whole percentage
/// changes, so a sink hears about a hundred reports however long the work.
pub fn report(stage: Stage, done: usize, total: usize) {
    if total == 0 || !worth_reporting(done, total) {
        return;
    }
    if let Some(sink) = SINK.read().unwrap_or_else(|e| e.into_inner()).as_ref() {
        sink(Report { stage, done: done.min(total), total });
    }
}

fn worth_reporting(done: usize, total: usize) -> bool {
    let percent = |n: usize| n.saturating_mul(100) / total;
    done == 0 || done >= total || percent(done) != percent(done - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn about_a_hundred_reports_whatever_the_size_with_the_start_and_the_end() {
        for total in [1, 7, 100, 250, 100_000] {
            let passed: Vec<usize> = (0..=total).filter(|&d| worth_reporting(d, total)).collect();
            assert_eq!(passed.first(), Some(&0));
            assert_eq!(passed.last(), Some(&total));
            assert!(passed.len() <= 102, "{total}: {} reports", passed.len());
            assert!(passed.len() >= total.min(100), "{total}: {} reports", passed.len());
        }
    }
}
