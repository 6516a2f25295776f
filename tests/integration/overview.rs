//! The dashboard and the calendar agree with the cases themselves, on a demo database.

use crate::common;

use casebook::model::{CalendarFilter, CaseFilter, EventInput, OrganisationProfile, Sort, Status};
use casebook::store::Store;
use chrono::Days;
use common::{TestDb, PASSPHRASE};

fn demo_store(db: &TestDb) -> Store {
    let (mut store, _) = Store::create(&db.path, PASSPHRASE, &OrganisationProfile::sample()).unwrap();
    casebook::app::demo::fill(&mut store, 400, 11).unwrap();
    store
}

#[test]
fn dashboard_counts_match_the_case_list() {
    let db = TestDb::new();
    let store = demo_store(&db);
    let d = store.dashboard().unwrap();
    let today = store.today();
    let cases = store.list_cases(&CaseFilter { open_only: true, ..CaseFilter::default() }).unwrap();
    let running = |c: &&casebook::model::Case| c.status != Status::AwaitingInformation;
    let due = |c: &casebook::model::Case| {
        if c.status == Status::Extended {
            c.deadlines.extended_respond_by
        } else {
            c.deadlines.respond_by
        }
    };
    assert_eq!(d.open, cases.len() as u64);
    assert_eq!(d.overdue, cases.iter().filter(running).filter(|c| due(c).is_some_and(|x| x < today)).count() as u64);
    assert_eq!(d.due_today, cases.iter().filter(running).filter(|c| due(c) == Some(today)).count() as u64);
    let week = today + Days::new(7);
    assert_eq!(
        d.due_this_week,
        cases.iter().filter(running).filter(|c| due(c).is_some_and(|x| x > today && x <= week)).count() as u64
    );
    assert_eq!(d.awaiting_information, cases.iter().filter(|c| c.status == Status::AwaitingInformation).count() as u64);
    assert_eq!(d.open_by_regime.values().sum::<u64>(), d.open);
    assert!(d.open > 0 && d.open_by_kind.contains_key("request"));

    // The numbers open the same lists in the window: overdue = running cases due before today.
    let overdue = CaseFilter { running_only: true, due_before: today.pred_opt(), ..CaseFilter::default() };
    assert_eq!(store.count_cases(&overdue).unwrap(), d.overdue);
}

#[test]
fn the_calendar_shows_every_applicable_deadline_in_range() {
    let db = TestDb::new();
    let store = demo_store(&db);
    let today = store.today();
    let (from, to) = (today - Days::new(31), today + Days::new(31));
    let entries = store.calendar(from, to, &CalendarFilter::default()).unwrap();
    let mut expected = Vec::new();
    for case in store.list_cases(&CaseFilter::default()).unwrap() {
        // The calendar shows the case's own dates; each right's dates stay on the case.
        let schedule: Vec<_> =
            store.case_detail(&case.reference).unwrap().schedule.into_iter().filter(|d| d.right.is_none()).collect();
        let respond = schedule.iter().find(|d| d.kind == "respond").map(|d| d.due);
        for d in schedule.iter().cloned() {
            let same_as_respond = d.kind == "extension-notice" && Some(d.due) == respond;
            if d.due >= from && d.due <= to && !d.conditional && !same_as_respond {
                expected.push((case.reference.clone(), d.kind.clone(), d.due, d.state));
            }
        }
    }
    let mut got: Vec<_> = entries.iter().map(|e| (e.reference.clone(), e.deadline.clone(), e.due, e.state)).collect();
    expected.sort();
    got.sort();
    assert!(!got.is_empty());
    assert_eq!(got, expected);

    let ccpa = store
        .calendar(from, to, &CalendarFilter { regime: Some("ccpa".parse().unwrap()), ..Default::default() })
        .unwrap();
    assert!(!ccpa.is_empty() && ccpa.iter().all(|e| e.regime.as_str() == "ccpa"));
    let someone = store.assignees().unwrap()[0].clone();
    let theirs =
        store.calendar(from, to, &CalendarFilter { assignee: Some(someone.clone()), ..Default::default() }).unwrap();
    assert!(theirs.iter().all(|e| e.assignee.as_deref() == Some(someone.as_str())));
    assert!(theirs.len() < entries.len());
}

#[test]
fn the_count_beside_a_search_is_the_number_of_cases_it_lists() {
    let db = TestDb::new();
    let store = demo_store(&db);
    // Within open cases, running ones, one status, kind or regime: counted in the search index,
    // whose facets must follow each case's status as it moves.
    let narrower = [
        CaseFilter::default(),
        CaseFilter { open_only: true, ..CaseFilter::default() },
        CaseFilter { running_only: true, ..CaseFilter::default() },
        CaseFilter { status: Some(Status::Closed), ..CaseFilter::default() },
        CaseFilter { status: Some(Status::AwaitingInformation), ..CaseFilter::default() },
        CaseFilter { kind: Some("complaint".parse().unwrap()), ..CaseFilter::default() },
        CaseFilter { regime: Some("uk-gdpr".parse().unwrap()), open_only: true, ..CaseFilter::default() },
    ];
    for query in ["o", "ol", "山", "DSR-2026", "@example", "nothing-matches-this"] {
        for within in &narrower {
            let filter = CaseFilter { search: Some(query.into()), ..within.clone() };
            let listed = store.list_cases(&filter).unwrap().len() as u64;
            assert_eq!(store.count_cases(&filter).unwrap(), listed, "{query:?} within {within:?}");
            assert_eq!(store.count_cases_up_to(&filter, Some(5)).unwrap(), listed.min(5), "counted up to 5");
            if query == "o" && (within.status, within.kind, within.regime) == (None, None, None) {
                assert!(listed > 10, "a one-letter search finds many cases: {listed} within {within:?}");
            }
        }
    }
}

#[test]
fn every_page_of_a_search_is_the_same_slice_of_the_whole_result() {
    // Pages of a dense search ("o") test each case they walk, up to a bound; the whole result collects
    // every match first. Both must list the same cases in the same order.
    let db = TestDb::new();
    let store = demo_store(&db);
    for query in ["o", "ol", "山", "DSR-2026", "olivia"] {
        for open_only in [false, true] {
            let filter = CaseFilter { search: Some(query.into()), open_only, ..CaseFilter::default() };
            let whole: Vec<String> = store.list_cases(&filter).unwrap().into_iter().map(|c| c.reference).collect();
            for offset in [0, 50, 150, 350] {
                let page = CaseFilter { limit: Some(50), offset, ..filter.clone() };
                let listed: Vec<String> = store.list_cases(&page).unwrap().into_iter().map(|c| c.reference).collect();
                let expected: Vec<String> = whole.iter().skip(offset as usize).take(50).cloned().collect();
                assert_eq!(listed, expected, "{query:?} from {offset}, open only: {open_only}");
            }
        }
    }
}

#[test]
fn a_case_withdrawn_leaves_the_searches_within_open_cases() {
    let db = TestDb::new();
    let mut store = demo_store(&db);
    let open_o = CaseFilter { search: Some("o".into()), open_only: true, ..CaseFilter::default() };
    let before = store.list_cases(&open_o).unwrap();
    let case = &before[0].reference;
    let withdrawn = EventInput { event_type: "withdrawn".into(), ..EventInput::default() };
    store.record_event(case, &withdrawn.validate(store.today()).unwrap()).unwrap();
    let after = store.list_cases(&open_o).unwrap();
    assert_eq!((after.len(), store.count_cases(&open_o).unwrap()), (before.len() - 1, before.len() as u64 - 1));
    assert!(after.iter().all(|c| &c.reference != case));
    let withdrawn_o = CaseFilter { status: Some(Status::Withdrawn), open_only: false, ..open_o };
    assert!(store.list_cases(&withdrawn_o).unwrap().iter().any(|c| &c.reference == case));
}

#[test]
fn reminders_cover_deadlines_and_tasks_within_the_window_or_overdue_once_a_day() {
    let db = TestDb::new();
    let (mut store, _) = Store::create(&db.path, PASSPHRASE, &OrganisationProfile::sample()).unwrap();
    let today = store.today();
    let input = |received: chrono::NaiveDate| casebook::model::CaseInput {
        kind: "request".into(),
        regime: "gdpr".into(),
        received: received.to_string(),
        name: "Lena Vogel".into(),
        rights: vec!["access".into()],
        ..Default::default()
    };
    // Received 40 days ago: its response date is past. Received today: due in a month.
    let late =
        store.add_case(&input(today - Days::new(40)).validate(store.zone(), chrono::Utc::now()).unwrap()).unwrap();
    let fresh = store.add_case(&input(today).validate(store.zone(), chrono::Utc::now()).unwrap()).unwrap();
    let task = casebook::model::TaskInput {
        title: "Call the processor".into(),
        due: Some((today + Days::new(2)).to_string()),
        ..Default::default()
    };
    store.add_task(&fresh.reference, &task.validate().unwrap()).unwrap();

    // The calendar shows the task's date when asked to, as a `task` entry of its case.
    let week = today + Days::new(7);
    let with_tasks = CalendarFilter { tasks: true, ..Default::default() };
    let tasks_on = |f: &CalendarFilter| {
        store
            .calendar(today, week, f)
            .unwrap()
            .into_iter()
            .filter(|e| e.deadline == "task")
            .map(|e| e.reference)
            .collect::<Vec<_>>()
    };
    assert_eq!(tasks_on(&with_tasks), vec![fresh.reference.clone()]);
    assert!(tasks_on(&CalendarFilter::default()).is_empty(), "switched off");

    let first = store.take_reminders().unwrap();
    let on =
        |r: &str| first.iter().filter(|x| x.reference == r).map(|x| (x.what.as_str(), x.overdue)).collect::<Vec<_>>();
    assert!(on(&late.reference).contains(&("respond", true)), "the overdue response date: {first:?}");
    assert!(on(&fresh.reference).contains(&("task", false)), "the task due in two days: {first:?}");
    assert!(!on(&fresh.reference).contains(&("respond", false)), "a month away is outside the 3-day window");
    assert!(store.take_reminders().unwrap().is_empty(), "each once a day");

    // A wider window covers the fresh case's dates too, and announces only those.
    let profile = OrganisationProfile { reminder_days: 30, ..store.profile().unwrap() };
    store.update_profile(&profile).unwrap();
    let wider = store.take_reminders().unwrap();
    assert!(!wider.is_empty() && wider.iter().all(|r| r.reference == fresh.reference && !r.overdue), "{wider:?}");
    assert!(store.verify_rows().unwrap().problems.is_empty(), "what was announced is in the audited record");
}

#[test]
fn each_sort_lists_the_same_cases_in_its_own_order_page_by_page() {
    let db = TestDb::new();
    let mut store = demo_store(&db);
    // A note on the oldest case makes it the latest changed.
    let by_received = CaseFilter { sort: Sort::Received, ..CaseFilter::default() };
    let oldest = store.list_cases(&by_received).unwrap().last().unwrap().reference.clone();
    let note = EventInput { event_type: "note".into(), note: Some("Called back".into()), ..EventInput::default() };
    store.record_event(&oldest, &note.validate(store.today()).unwrap()).unwrap();
    let first_by_change = CaseFilter { sort: Sort::Updated, limit: Some(1), ..CaseFilter::default() };
    assert_eq!(store.list_cases(&first_by_change).unwrap()[0].reference, oldest);

    let open = CaseFilter { open_only: true, ..CaseFilter::default() };
    let searched = CaseFilter { search: Some("o".into()), ..CaseFilter::default() };
    for filter in [CaseFilter::default(), open, searched] {
        let references =
            |cases: &[casebook::model::Case]| cases.iter().map(|c| c.reference.clone()).collect::<Vec<_>>();
        let by_due = references(&store.list_cases(&filter).unwrap());
        let mut expected = by_due.clone();
        expected.sort();
        assert!(expected.len() > 10, "{filter:?} lists {} cases", expected.len());
        for sort in Sort::ALL {
            let whole = store.list_cases(&CaseFilter { sort, ..filter.clone() }).unwrap();
            let mut same = references(&whole);
            same.sort();
            assert_eq!(same, expected, "{sort:?} lists the same cases");
            if sort != Sort::Due {
                assert_ne!(references(&whole), by_due, "{sort:?} is an order of its own");
            }
            let in_order = whole.windows(2).all(|w| match sort {
                // The list's own order, tested with the dashboard and the searches above.
                Sort::Due => true,
                Sort::Received => w[0].received_at >= w[1].received_at,
                Sort::Reference => w[0].reference < w[1].reference,
                Sort::Updated => w[0].updated_at >= w[1].updated_at,
            });
            assert!(in_order, "{sort:?} within {filter:?}");
            // Pages of 50 (a search's first pages found case by case) are slices of the whole.
            let paged: Vec<String> = (0..)
                .map(|page| CaseFilter { sort, limit: Some(50), offset: page * 50, ..filter.clone() })
                .map(|f| references(&store.list_cases(&f).unwrap()))
                .take_while(|page| !page.is_empty())
                .flatten()
                .collect();
            assert_eq!(paged, references(&whole), "{sort:?} page by page");
        }
    }
}
