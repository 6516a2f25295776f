//! Long work reports how far it is, through the one sink a face installs: an import, the search
//! index it fills, a backup and a purge each report from their start to their whole, in order,
//! about a hundred times at most.

mod common;

use std::sync::{Arc, Mutex};

use casebook::model::OrganisationProfile;
use casebook::progress::{self, Report, Stage};
use casebook::store::Store;
use common::{TestDb, PASSPHRASE};

/// The reports of `stage` reached `total` in order, from the start when `from_zero`.
fn reached(reports: &[Report], stage: Stage, from_zero: bool) -> usize {
    let mine: Vec<&Report> = reports.iter().filter(|r| r.stage == stage).collect();
    let last = mine.last().unwrap_or_else(|| panic!("no {stage:?} report"));
    assert_eq!(last.done, last.total, "{stage:?} ends whole");
    assert!(mine.iter().all(|r| r.total == last.total), "{stage:?}: one total");
    assert!(mine.windows(2).all(|w| w[0].done < w[1].done), "{stage:?}: in order");
    assert!(mine.len() <= 102, "{stage:?}: {} reports", mine.len());
    if from_zero {
        assert_eq!(mine[0].done, 0, "{stage:?} starts at nothing done");
    }
    last.total
}

#[test]
fn imports_the_search_index_backups_and_purges_report_to_the_whole() {
    let seen = Arc::new(Mutex::new(Vec::<Report>::new()));
    let sink = seen.clone();
    progress::set_sink(move |r| sink.lock().unwrap().push(r));
    let take = || std::mem::take(&mut *seen.lock().unwrap());

    let mut profile = OrganisationProfile::sample();
    profile.retention_months.insert("gdpr".into(), 12);
    let db = TestDb::new();
    let (mut store, _) = Store::create(&db.path, PASSPHRASE, &profile).unwrap();
    casebook::app::demo::fill(&mut store, 1000, 7).unwrap();
    let reports = take();
    assert_eq!(reached(&reports, Stage::Import, true), 1000);
    assert_eq!(reached(&reports, Stage::SearchIndex, false), 1000, "a write of many cases indexes them with a bar");
    casebook::app::demo::fill(&mut store, 500, 8).unwrap();
    assert!(take().iter().all(|r| r.stage == Stage::Import), "a few hundred cases are indexed without a bar");

    let backup = db.dir.path().join("copy.db");
    store.backup_to(&backup).unwrap();
    assert!(reached(&take(), Stage::Backup, false) > 10, "a backup counts the database's pages");

    let export = store.export_json().unwrap();
    let copy = TestDb::new();
    Store::create_from_export(&copy.path, PASSPHRASE, &export).unwrap();
    let reports = take();
    let rows: usize = export["tables"].as_object().unwrap().values().map(|t| t.as_array().unwrap().len()).sum();
    assert_eq!(reached(&reports, Stage::Import, true), rows, "every row of the export");
    assert_eq!(reached(&reports, Stage::SearchIndex, false), 1500, "every case indexed once");

    let expired = store.purge_expired().unwrap();
    assert!(expired.len() > 10, "the demo has closed GDPR cases older than a year");
    assert_eq!(reached(&take(), Stage::Purge, true), expired.len());
}
