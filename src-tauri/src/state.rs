//! The window's state: the database path and, once unlocked, the open store.

use std::path::PathBuf;
use std::sync::Mutex;

use casebook::app::exports::{self, Format};
use casebook::app::session::{self, Store, MIN_PASSPHRASE_CHARS};
use casebook::model::flow::{allowed_events, OPEN};
use casebook::model::{
    CalendarEntry, CalendarFilter, Case, CaseDetail, CaseFilter, CaseInput, Channel, CorrespondenceItem, EventInput,
    EventType, Kind, OrganisationProfile, Outcome, Regime, Relationship, RetentionState, Right, Sort, Status,
};
use chrono::Utc;
use serde::{Deserialize, Serialize};

use crate::error::UiError;

pub struct AppState {
    path: PathBuf,
    store: Mutex<Option<Store>>,
    /// Email files dropped on the window, waiting for the user to say where they go.
    pub(crate) dropped: Mutex<Vec<PathBuf>>,
    /// Files picked to attach to the item being logged, until it is logged or the form closes.
    pub(crate) attachments: Mutex<Vec<PathBuf>>,
    /// The register (CSV) picked for import, read again at each step.
    pub(crate) register: Mutex<Option<PathBuf>>,
    /// The Casebook export picked on the set-up screen to start the database from.
    pub(crate) export: Mutex<Option<PathBuf>>,
    /// Set by the window's Cancel while a batch of letters is being made.
    pub(crate) cancel_letters: std::sync::atomic::AtomicBool,
}

/// What the window should show first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct AppStatus {
    /// `setup` (no database yet), `locked` or `unlocked`.
    pub state: &'static str,
    pub database: String,
    pub organisation: Option<String>,
    /// The seal verification key, in the one answer after sealing began (to be shown once).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub seal_key: Option<String>,
    /// In the one answer after an open upgraded an older database: the copy kept before.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub upgrade: Option<UpgradeNote>,
    /// Casebook's version (Settings → About).
    pub version: &'static str,
}

/// An older database brought up to this version's schema, and where the copy from before is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct UpgradeNote {
    pub from: u32,
    pub to: u32,
    pub copy: String,
}

/// The database open under new keys (set up, started from an export, passphrase changed or reset):
/// its status, and the recovery key to show once.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct NewKeys {
    pub status: AppStatus,
    pub recovery_key: String,
}

/// The deadlines of a date range, filtered.
#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
#[ts(optional_fields = nullable)]
pub struct CalendarRequest {
    pub from: chrono::NaiveDate,
    pub to: chrono::NaiveDate,
    #[serde(default)]
    pub regime: Option<Regime>,
    #[serde(default)]
    pub kind: Option<Kind>,
    #[serde(default)]
    pub assignee: Option<String>,
    /// Tasks' internal dates too.
    #[serde(default)]
    #[ts(as = "Option<bool>", optional)]
    pub tasks: bool,
}

/// A page of the case list.
#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(default)]
#[ts(optional_fields = nullable)]
pub struct ListRequest {
    pub status: Option<Status>,
    /// `open`: any status in which something is still owed.
    #[ts(as = "Option<bool>", optional)]
    pub open_only: bool,
    /// Open and not awaiting information: the clock is running.
    #[ts(as = "Option<bool>", optional)]
    pub running_only: bool,
    pub kind: Option<Kind>,
    pub regime: Option<Regime>,
    pub search: Option<String>,
    pub due_before: Option<chrono::NaiveDate>,
    pub due_after: Option<chrono::NaiveDate>,
    #[serde(default)]
    #[ts(as = "Option<Sort>", optional)]
    pub sort: Sort,
    pub limit: Option<u32>,
    #[ts(as = "Option<u32>", optional)]
    pub offset: u32,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct CasePage {
    pub cases: Vec<Case>,
    pub total: u64,
    /// `total` is a lower bound: more cases match than were counted (see `COUNTED_AHEAD`).
    pub more: bool,
}

/// How far past the page the case list counts matches: a search that matches most of a million
/// cases says "more than 10,000" instead of counting them all.
const COUNTED_AHEAD: u64 = 10_000;

/// The case list counts up to the next multiple of `COUNTED_AHEAD` at or past the page's end.
fn count_bound(page_end: u64) -> u64 {
    page_end.div_ceil(COUNTED_AHEAD).max(1) * COUNTED_AHEAD
}

/// A case as the detail screen needs it: with its timeline and the events it may take next.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct CaseView {
    #[serde(flatten)]
    pub detail: CaseDetail,
    pub allowed_events: Vec<EventType>,
    /// Every item in or out, oldest first.
    pub correspondence: Vec<CorrespondenceItem>,
    /// Legal hold and, once purged, the purge date.
    pub retention: RetentionState,
    /// The references of related cases.
    pub linked: Vec<String>,
    /// The work on the case: open tasks by due date, then the done ones.
    pub tasks: Vec<casebook::model::Task>,
}

impl CaseView {
    pub(crate) fn read(store: &Store, reference: &str) -> casebook::Result<CaseView> {
        let detail = store.case_detail(reference)?;
        Ok(CaseView {
            allowed_events: allowed_events(detail.case.regime, detail.case.status),
            correspondence: store.correspondence(reference)?,
            retention: store.retention_state(reference)?,
            linked: store.linked_cases(reference)?,
            tasks: store.tasks(reference)?,
            detail,
        })
    }
}

/// Every closed vocabulary, so the UI's choices come from the core.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Vocabulary {
    pub kinds: &'static [Kind],
    pub regimes: Vec<(Regime, &'static [Right])>,
    pub channels: &'static [Channel],
    pub statuses: &'static [Status],
    pub open_statuses: &'static [Status],
    pub event_types: &'static [EventType],
    pub outcomes: &'static [Outcome],
    pub relationships: &'static [Relationship],
    pub min_passphrase_chars: usize,
}

impl Vocabulary {
    pub fn new() -> Self {
        Vocabulary {
            kinds: Kind::ALL,
            regimes: Regime::ALL.iter().map(|r| (*r, r.rights())).collect(),
            channels: Channel::ALL,
            statuses: Status::ALL,
            open_statuses: OPEN,
            event_types: EventType::ALL,
            outcomes: Outcome::ALL,
            relationships: Relationship::ALL,
            min_passphrase_chars: MIN_PASSPHRASE_CHARS,
        }
    }
}

impl Default for Vocabulary {
    fn default() -> Self {
        Self::new()
    }
}

impl AppState {
    pub fn new(path: PathBuf) -> Self {
        AppState {
            path,
            store: Mutex::new(None),
            dropped: Default::default(),
            attachments: Default::default(),
            register: Default::default(),
            export: Default::default(),
            cancel_letters: Default::default(),
        }
    }

    pub(crate) fn guard(&self) -> std::sync::MutexGuard<'_, Option<Store>> {
        // A panic while holding the lock leaves no half-written data (SQLite rolls back), so reuse it.
        self.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub(crate) fn path(&self) -> &std::path::Path {
        &self.path
    }

    pub fn status(&self) -> AppStatus {
        let guard = self.guard();
        let state = match (&*guard, self.path.exists()) {
            (Some(_), _) => "unlocked",
            (None, true) => "locked",
            (None, false) => "setup",
        };
        AppStatus {
            state,
            database: self.path.display().to_string(),
            organisation: guard.as_ref().and_then(|s| s.profile().ok()).map(|p| p.name),
            seal_key: None,
            upgrade: None,
            version: env!("CARGO_PKG_VERSION"),
        }
    }

    /// Creates the database; the recovery key in the answer is shown to the user once and never again.
    pub fn set_up(&self, profile: &OrganisationProfile, passphrase: &str) -> Result<NewKeys, UiError> {
        let (store, recovery) = Store::create(&self.path, passphrase, profile)?;
        Ok(NewKeys { status: self.opened(store), recovery_key: recovery.as_str().to_string() })
    }

    pub fn unlock(&self, passphrase: &str) -> Result<AppStatus, UiError> {
        let store = Store::open_checking_before_writes(&self.path, passphrase)?;
        Ok(self.opened(store))
    }

    /// Keeps a store just opened; the answer carries its seal verification key if sealing began,
    /// and the copy kept if the open upgraded the database.
    pub(crate) fn opened(&self, mut store: Store) -> AppStatus {
        let notices = session::notices(&mut store);
        let seal_key = notices.seal_key.map(|k| k.as_str().to_string());
        let upgrade =
            notices.upgrade.map(|u| UpgradeNote { from: u.from, to: u.to, copy: u.copy.display().to_string() });
        *self.guard() = Some(store);
        AppStatus { seal_key, upgrade, ..self.status() }
    }

    /// Makes today's rolling backup if there is none, then closes the database: the connection and
    /// the key (wiped from memory) go with it.
    pub fn lock(&self) -> AppStatus {
        self.dropped.lock().unwrap_or_else(|p| p.into_inner()).clear();
        self.attachments.lock().unwrap_or_else(|p| p.into_inner()).clear();
        self.register.lock().unwrap_or_else(|p| p.into_inner()).take();
        if let Some(store) = self.guard().take() {
            if let Err(e) = store.rolling_backup() {
                eprintln!("casebook: the rolling backup failed: {}", e.message);
            }
        }
        self.status()
    }

    /// Waits, without holding the store, for the integrity check that runs beside the first reads
    /// after an unlock: a write made at once (the reminders) would otherwise wait for it holding
    /// the store, and every read with it (seconds at 100,000 cases).
    pub fn until_checked(&self) {
        let pending = self.guard().as_ref().and_then(Store::pending_check);
        if let Some(check) = pending {
            check.wait();
        }
    }

    /// Runs `f` on the open store, or answers `locked`.
    pub fn with_store<T>(&self, f: impl FnOnce(&mut Store) -> casebook::Result<T>) -> Result<T, UiError> {
        let mut guard = self.guard();
        let store = guard.as_mut().ok_or_else(UiError::locked)?;
        f(store).map_err(UiError::from)
    }

    pub fn list_cases(&self, request: &ListRequest) -> Result<CasePage, UiError> {
        let filter = CaseFilter {
            status: request.status,
            open_only: request.open_only,
            running_only: request.running_only,
            kind: request.kind,
            regime: request.regime,
            due_before: request.due_before,
            due_after: request.due_after,
            search: request.search.clone(),
            sort: request.sort,
            limit: Some(request.limit.unwrap_or(100).min(500)),
            offset: request.offset,
        };
        let most = count_bound(u64::from(filter.offset) + u64::from(filter.limit.unwrap_or(0)));
        self.with_store(|s| {
            // One further than the bound says whether more match.
            let counted = s.count_cases_up_to(&filter, Some(most + 1))?;
            Ok(CasePage { cases: s.list_cases(&filter)?, total: counted.min(most), more: counted > most })
        })
    }

    pub fn calendar(&self, r: &CalendarRequest) -> Result<Vec<CalendarEntry>, UiError> {
        if (r.to - r.from).num_days() > 62 || r.to < r.from {
            return Err(casebook::Error::validation("a calendar range is at most two months").into());
        }
        let filter = CalendarFilter { regime: r.regime, kind: r.kind, assignee: r.assignee.clone(), tasks: r.tasks };
        self.with_store(|s| s.calendar(r.from, r.to, &filter))
    }

    /// Writes every open deadline to `path` as iCalendar (references only, a reminder 3 days before).
    /// Writes an export where the user chose (the save dialog has asked before replacing a file).
    pub fn export(&self, format: Format, path: &std::path::Path) -> Result<usize, UiError> {
        self.with_store(|s| Ok(exports::export_to(s, format, path, true)?.count))
    }

    pub fn add_case(&self, input: &CaseInput) -> Result<Case, UiError> {
        self.with_store(|s| {
            let case = input.validate(s.zone(), Utc::now())?;
            s.add_case(&case)
        })
    }

    /// Corrects a case's facts; its deadlines are recomputed.
    pub fn update_case(&self, reference: &str, input: &CaseInput) -> Result<CaseView, UiError> {
        self.with_store(|s| {
            let case = input.validate(s.zone(), Utc::now())?;
            s.update_case(reference, &case)?;
            CaseView::read(s, reference)
        })
    }

    pub fn case_view(&self, reference: &str) -> Result<CaseView, UiError> {
        self.with_store(|s| CaseView::read(s, reference))
    }

    pub fn record_event(&self, reference: &str, input: &EventInput) -> Result<CaseView, UiError> {
        self.with_store(|s| {
            let event = input.validate(s.today())?;
            s.record_event(reference, &event)?;
            CaseView::read(s, reference)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Code;

    #[test]
    fn the_case_list_counts_to_the_next_ten_thousand_past_its_page() {
        assert_eq!([0, 50, 10_000, 10_050, 25_000].map(count_bound), [10_000, 10_000, 10_000, 20_000, 30_000]);
    }

    fn input(name: &str) -> CaseInput {
        CaseInput {
            kind: "request".into(),
            regime: "ccpa".into(),
            rights: vec!["delete".into()],
            received: "2026-06-01T09:30".into(),
            time_zone: Some("America/Los_Angeles".into()),
            name: name.into(),
            ..CaseInput::default()
        }
    }

    #[test]
    fn setup_lock_and_unlock_through_the_state() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::new(dir.path().join("c.db"));
        assert_eq!(state.status().state, "setup");
        let set_up = state.set_up(&OrganisationProfile::sample(), "a long passphrase").unwrap();
        assert_eq!(set_up.recovery_key.len(), 39);
        assert_eq!(set_up.status.seal_key.as_ref().map(String::len), Some(39), "the seal key is shown once");
        let status = set_up.status;
        assert_eq!(status.state, "unlocked");
        assert_eq!(status.organisation.as_deref(), Some("Cyber Security Cloud, Inc."));

        let case = state.add_case(&input("Olivia Martinez")).unwrap();
        assert_eq!(case.reference, "DSR-2026-0001");

        assert_eq!(state.lock().state, "locked");
        let backups: Vec<_> = std::fs::read_dir(dir.path().join("backups")).unwrap().collect();
        assert_eq!(backups.len(), 2, "locking made the day's rolling backup and its key file");
        assert_eq!(state.list_cases(&ListRequest::default()).unwrap_err().code, Code::Locked);
        assert_eq!(state.unlock("wrong passphrase!").unwrap_err().code, Code::WrongPassphrase);
        state.unlock("a long passphrase").unwrap();
        let page = state.list_cases(&ListRequest { search: Some("olivia".into()), ..ListRequest::default() }).unwrap();
        assert_eq!((page.total, page.cases[0].reference.as_str()), (1, "DSR-2026-0001"));
    }

    #[test]
    fn due_dates_are_announced_once_a_day_across_launches_without_personal_data() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::new(dir.path().join("c.db"));
        state.set_up(&OrganisationProfile::sample(), "a long passphrase").unwrap();
        // APPI: the office target is 14 days, so a request received 13 days ago is due within 3 days
        // (tomorrow, or the next working day after it).
        let received = (chrono::Utc::now() - chrono::Duration::days(13)).format("%Y-%m-%d").to_string();
        let mut input = super::tests::input("Hanako Sato");
        input.regime = "appi".into();
        input.rights = vec!["disclosure".into()];
        input.received = received;
        input.time_zone = None;
        state.add_case(&input).unwrap();
        let reminders = |state: &AppState| state.with_store(|s| s.take_reminders()).unwrap();
        let first = reminders(&state);
        assert!(!first.is_empty(), "something is due soon");
        let text = crate::commands::notification_text(&first[0]);
        assert!(text.starts_with("DSR-") && !text.contains("Hanako") && !text.contains("Sato"), "{text}");
        assert!(reminders(&state).is_empty(), "announced once");
        // Not again after a restart the same day.
        state.lock();
        drop(state);
        let state = AppState::new(dir.path().join("c.db"));
        state.unlock("a long passphrase").unwrap();
        assert!(reminders(&state).is_empty(), "remembered across launches");
        // A wider warning window announces what it newly covers, and only that.
        state
            .with_store(|s| {
                let profile = OrganisationProfile { reminder_days: 0, ..s.profile()? };
                s.update_profile(&profile).map(|_| ())
            })
            .unwrap();
        assert!(reminders(&state).is_empty(), "a narrower window announces nothing new");
    }

    #[test]
    fn the_unlock_check_is_waited_for_without_holding_the_store() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::new(dir.path().join("c.db"));
        state.set_up(&OrganisationProfile::sample(), "a long passphrase").unwrap();
        // Enough pages that the check reading them all outlasts the calls below.
        state.with_store(|s| casebook::app::demo::fill(s, 3000, 1)).unwrap();
        state.lock();
        state.unlock("a long passphrase").unwrap();
        let pending = state.guard().as_ref().and_then(Store::pending_check);
        assert!(pending.is_some(), "the unlock checks the file beside the first reads");
        std::thread::scope(|scope| {
            let waiting = scope.spawn(|| state.until_checked());
            // Reads go on while the waiter waits.
            assert!(state.list_cases(&ListRequest::default()).unwrap().total > 0);
            waiting.join().unwrap();
        });
        assert!(pending.unwrap().is_done() && state.guard().as_ref().and_then(Store::pending_check).is_none());
        state.with_store(|s| s.take_reminders()).unwrap();
    }

    #[test]
    fn validation_errors_name_their_field() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::new(dir.path().join("c.db"));
        state.set_up(&OrganisationProfile::sample(), "a long passphrase").unwrap();
        let mut bad = input("Olivia Martinez");
        bad.email = Some("olivia@".into());
        let e = state.add_case(&bad).unwrap_err();
        assert_eq!((e.code, e.field.as_deref()), (Code::Validation, Some("email")));
        assert_eq!(state.list_cases(&ListRequest::default()).unwrap().total, 0);
    }

    #[test]
    fn the_database_path_comes_from_the_arguments_first() {
        let path = crate::database_path(["--db".to_string(), "/tmp/x.db".to_string()]).unwrap();
        assert_eq!(path, PathBuf::from("/tmp/x.db"));
        let path = crate::database_path(["--db=/tmp/y.db".to_string()]).unwrap();
        assert_eq!(path, PathBuf::from("/tmp/y.db"));
    }
}
