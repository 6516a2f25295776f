//! Deadline computations per second on one core, over a mixed batch of regimes, rights and pauses.
//! Run: cargo bench --bench deadlines

use std::collections::BTreeSet;
use std::hint::black_box;
use std::time::Instant;

use casebook::model::{Regime, Right};
use casebook::rules::calendar::{CalendarId, WorkingDays};
use casebook::rules::{compute, Facts, Settings, Wait};
use chrono::{Days, NaiveDate};

fn batch(n: usize) -> Vec<(Facts, CalendarId)> {
    let base = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    let kinds = [
        (Regime::Gdpr, None, CalendarId::DeHh),
        (Regime::UkGdpr, None, CalendarId::GbEng),
        (Regime::Ccpa, Some(Right::Know), CalendarId::Us),
        (Regime::Ccpa, Some(Right::OptOut), CalendarId::Us),
        (Regime::Appi, None, CalendarId::Jp),
    ];
    (0..n)
        .map(|i| {
            let (regime, right, calendar) = kinds[i % kinds.len()];
            let received = base + Days::new((i * 7 % 900) as u64);
            let wait = |offset: u64| Wait {
                asked: received + Days::new(offset),
                answered: Some(received + Days::new(offset + 6)),
            };
            let facts = Facts {
                kind: casebook::model::Kind::Request,
                fee: Vec::new(),
                regime,
                right,
                received,
                identity: if i % 3 == 0 { vec![wait(1)] } else { Vec::new() },
                clarification: if i % 4 == 0 { vec![wait(2)] } else { Vec::new() },
                extended_on: None,
            };
            (facts, calendar)
        })
        .collect()
}

fn main() {
    let closures = BTreeSet::new();
    let today = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let cases = batch(100_000);
    // Build the calendar tables once, as the app does on first use.
    for c in CalendarId::ALL {
        c.holiday(today).unwrap();
    }
    let run = |render: bool| {
        let mut rates = Vec::new();
        for _ in 0..7 {
            let start = Instant::now();
            for (facts, calendar) in &cases {
                let settings = Settings {
                    days: WorkingDays::new(*calendar, &closures),
                    eu_suspension: true,
                    ccpa_roll: false,
                    appi_target_days: 14,
                    complaint_target_days: 30,
                };
                let schedule = compute(black_box(facts), &settings, today).unwrap();
                if render {
                    black_box(schedule.respond_by.basis_text());
                }
                black_box(schedule);
            }
            rates.push(cases.len() as f64 / start.elapsed().as_secs_f64());
        }
        rates.sort_by(f64::total_cmp);
        (rates[3], rates[6])
    };
    let (median, best) = run(false);
    let m = |v: f64| format!("{:.2} M/s", v / 1e6);
    println!(
        "| deadline engine | computations per second, one core (100,000 mixed cases × 7 runs) | {} (best {}) | goal ≥ 1 M/s |",
        m(median),
        m(best)
    );
    let (median, best) = run(true);
    println!(
        "| deadline engine | the same with the respond-by basis rendered as text | {} (best {}) | |",
        m(median),
        m(best)
    );
}
