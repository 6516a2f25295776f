//! Realistic fake cases for demonstrations and benchmarks, deterministic for a given seed and day.

use chrono::{Duration, NaiveDate, NaiveTime, TimeZone, Utc};

use crate::error::Result;
use crate::model::{
    Agent, Channel, EventType, Kind, NewCase, NewEvent, Outcome, Person, Received, Regime, Relationship,
};
use crate::store::Store;

/// SplitMix64: tiny, and its sequence never changes with a dependency's version.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// Given and family names in several scripts, with an ASCII form for the email address.
const NAMES: &[(&str, &str, &str)] = &[
    ("Zoë", "Ångström", "zoe.angstrom"),
    ("Łukasz", "Żółć", "lukasz.zolc"),
    ("Ελένη", "Παπαδοπούλου", "eleni.papadopoulou"),
    ("Дмитрий", "Иванов", "dmitry.ivanov"),
    ("太郎", "山田", "taro.yamada"),
    ("花子", "佐藤", "hanako.sato"),
    ("Siobhán", "O'Connor", "siobhan.oconnor"),
    ("Jürgen", "Müller", "juergen.mueller"),
    ("Amélie", "Lefèvre", "amelie.lefevre"),
    ("Sanne", "de Vries", "sanne.devries"),
    ("Olivia", "Martinez", "olivia.martinez"),
    ("James", "Whitfield", "james.whitfield"),
    ("Priya", "Raman", "priya.raman"),
    ("Kenji", "Watanabe", "kenji.watanabe"),
    ("Fatima", "Haddad", "fatima.haddad"),
    ("Noah", "Fischer", "noah.fischer"),
];

const DOMAINS: &[&str] = &["example.com", "example.org", "example.net", "mail.example"];
const ASSIGNEES: &[&str] = &["A. Tanaka", "M. Keller", "S. Brooks"];
const COMPANIES: &[&str] = &["Northwind Retail GmbH", "Kumo Systems K.K.", "Bayside Analytics LLC", "Harbour Web Ltd"];

/// Adds `count` demo cases to `store`; returns how many were added.
pub fn fill(store: &mut Store, count: u32, seed: u64) -> Result<u32> {
    let mut rng = Rng(seed);
    let today = store.today();
    let zone = store.zone();
    let now = Utc::now();
    let mut cases: Vec<_> = (0..count)
        .map(|_| {
            let mut case = fake_case(&mut rng, today, zone);
            // A request "received" later today has not arrived yet.
            if case.received.at > now {
                case.received = Received::from_stored(now, zone);
            }
            let events = fake_timeline(&mut rng, &case, today);
            (case, events)
        })
        .collect();
    // References are numbered in order of receipt, as they would be in a real office.
    cases.sort_by_key(|(case, _)| case.received.at);
    for chunk in cases.chunks(1000) {
        store.add_cases_with_events(chunk)?;
    }
    Ok(count)
}

fn fake_case(rng: &mut Rng, today: NaiveDate, zone: chrono_tz::Tz) -> NewCase {
    let kind = match rng.below(100) {
        0..=79 => Kind::Request,
        80..=91 => Kind::Complaint,
        _ => Kind::Correspondence,
    };
    let regime = match rng.below(100) {
        0..=34 => Regime::Gdpr,
        35..=54 => Regime::UkGdpr,
        55..=84 => Regime::Ccpa,
        _ => Regime::Appi,
    };
    let mut rights = vec![*rng.pick(regime.rights())];
    if rng.chance(25) {
        let second = *rng.pick(regime.rights());
        if second != rights[0] {
            rights.push(second);
        }
    }
    if kind != Kind::Request && rng.chance(50) {
        rights.clear();
    }
    // Three years of history, so some closed cases have passed their retention period.
    let days_ago = rng.below(1095) as i64;
    let date = today - Duration::days(days_ago);
    let time = NaiveTime::from_hms_opt(8 + rng.below(10) as u32, rng.below(60) as u32, 0).expect("valid time");
    let at = zone
        .from_local_datetime(&date.and_time(time))
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| Utc.from_utc_datetime(&date.and_time(time)));
    let (given, family, ascii) = *rng.pick(NAMES);
    let name = if given.chars().next().is_some_and(|c| ('\u{3040}'..='\u{9fff}').contains(&c)) {
        format!("{family} {given}")
    } else {
        format!("{given} {family}")
    };
    let relationship = *rng.pick(&[
        Relationship::Customer,
        Relationship::WebsiteVisitor,
        Relationship::ServiceEndUser,
        Relationship::Other,
    ]);
    let requester = Person {
        name,
        email: Some(format!("{ascii}{}@{}", rng.below(100), rng.pick(DOMAINS))),
        postal_address: None,
        phone: None,
        company: (relationship == Relationship::Customer).then(|| rng.pick(COMPANIES).to_string()),
        relationship: Some(relationship),
    };
    let agent = (regime == Regime::Ccpa && rng.chance(10)).then(|| Agent {
        name: "Golden State Privacy Agents LLC".to_string(),
        proof_received: Some(date + Duration::days(rng.below(5) as i64)).filter(|d| *d <= today),
    });
    let channel =
        *rng.pick(&[Channel::Email, Channel::Email, Channel::WebForm, Channel::Post, Channel::Representative]);
    NewCase {
        kind,
        regime,
        rights,
        channel,
        received: Received::from_stored(at, zone),
        requester,
        agent,
        assignee: Some(rng.pick(ASSIGNEES).to_string()),
        notes: notes_for(kind, regime).to_string(),
        tags: if rng.chance(15) { vec!["priority".to_string()] } else { Vec::new() },
    }
}

fn notes_for(kind: Kind, regime: Regime) -> &'static str {
    match (kind, regime) {
        (Kind::Request, Regime::Ccpa) => {
            "Submitted through the privacy request form; verify against the customer account."
        }
        (Kind::Request, Regime::Appi) => "Received by the Tokyo office.",
        (Kind::Request, _) => "Asks for a copy of the data held, including WafCharm access logs.",
        (Kind::Complaint, _) => "Unhappy with the time taken to answer an earlier request.",
        (Kind::Correspondence, _) => "Exchange with the representative about a forwarded request.",
    }
}

/// A timeline being written: the last event's date and the events so far.
struct Timeline {
    on: NaiveDate,
    today: NaiveDate,
    events: Vec<NewEvent>,
}

impl Timeline {
    /// Adds `event_type` 1..=`max_gap` days after the last event, unless that is after `latest` or today.
    fn step(&mut self, rng: &mut Rng, event_type: EventType, max_gap: u64, latest: Option<NaiveDate>) -> bool {
        let next = self.on + Duration::days(1 + rng.below(max_gap) as i64);
        if next > self.today || latest.is_some_and(|l| next > l) {
            return false;
        }
        self.on = next;
        self.events.push(NewEvent { event_type, on: next, note: None, outcome: None, reason: None, right: None });
        true
    }
}

/// A plausible timeline: older cases are further along. Every date lies between receipt and today,
/// and extensions are announced well inside the first month, as the rules require.
fn fake_timeline(rng: &mut Rng, case: &NewCase, today: NaiveDate) -> Vec<NewEvent> {
    let start = case.received.date;
    let age = (today - start).num_days();
    let mut t = Timeline { on: start, today, events: Vec::new() };
    // Offices answer within weeks: nearly every case older than two months is finished.
    let finish_chance = if age > 60 { 99 } else { age as u64 * 3 / 2 };
    if !t.step(rng, EventType::Acknowledged, 4, None) {
        return t.events;
    }
    let asks_identity = case.kind == Kind::Request && rng.chance(30);
    if asks_identity && (!t.step(rng, EventType::IdRequested, 4, None) || !t.step(rng, EventType::IdReceived, 10, None))
    {
        return t.events;
    }
    let extendable = crate::rules::regimes::rule_for(case.regime, case.rights.first().copied()).extended.is_some();
    if case.kind == Kind::Request && extendable && rng.chance(8) {
        t.step(rng, EventType::Extended, 3, Some(start + Duration::days(25)));
    }
    if !rng.chance(finish_chance) {
        return t.events;
    }
    if rng.chance(4) {
        t.step(rng, EventType::Withdrawn, 10, None);
        return t.events;
    }
    if !t.step(rng, EventType::Responded, 25, None) {
        return t.events;
    }
    let (outcome, reason) = match rng.below(10) {
        0..=6 => (Outcome::Complied, None),
        7..=8 => (Outcome::CompliedInPart, None),
        _ => (Outcome::Denied, Some(denial_reason(case.regime).to_string())),
    };
    if t.step(rng, EventType::Closed, 5, None) {
        let last = t.events.last_mut().expect("just pushed");
        last.outcome = Some(outcome);
        last.reason = reason;
    }
    t.events
}

fn denial_reason(regime: Regime) -> &'static str {
    match regime {
        Regime::Ccpa => "Identity could not be verified (11 CCR §7060)",
        Regime::Appi => "Disclosure would seriously interfere with the business (APPI Art. 33(2))",
        _ => "Manifestly unfounded or excessive (GDPR Art. 12(5))",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_cases() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        let make = |seed| {
            let mut rng = Rng(seed);
            (0..50).map(|_| fake_case(&mut rng, today, chrono_tz::Asia::Tokyo)).collect::<Vec<_>>()
        };
        assert_eq!(make(7), make(7));
        assert_ne!(make(7), make(8));
    }

    #[test]
    fn timelines_never_run_past_today_or_before_receipt() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        let mut rng = Rng(3);
        for _ in 0..500 {
            let case = fake_case(&mut rng, today, chrono_tz::Asia::Tokyo);
            for e in fake_timeline(&mut rng, &case, today) {
                assert!(e.on > case.received.date && e.on <= today);
            }
            assert!(case.rights.iter().all(|r| case.regime.rights().contains(r)));
        }
    }
}
