//! The breach register's actions, once for both faces: a breach recorded, a notification made, an
//! entry on its timeline; local times read in the breach's own zone.

use chrono::Utc;
use serde::Deserialize;

use crate::model::breach::{instant, BreachEventKind, BreachInput, NoticeInput, Risk};
use crate::model::validate;
use crate::store::BreachView;
use crate::{Error, Result, Store};

/// An entry on a breach's timeline as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct EventInput {
    /// contained, assessed, note or closed.
    pub kind: String,
    /// `YYYY-MM-DDTHH:MM` in the breach's zone; now when absent.
    pub at: Option<String>,
    /// With `assessed`: none, risk or high.
    pub risk: Option<String>,
    /// What happened; with `assessed`, the reasoning.
    pub note: String,
}

pub fn record(store: &mut Store, input: &BreachInput) -> Result<BreachView> {
    store.add_breach(&input.validate(Utc::now())?)
}

pub fn notify(store: &mut Store, reference: &str, input: &NoticeInput) -> Result<BreachView> {
    let zone = zone_of(store, reference)?;
    let notice = input.validate(zone, Utc::now())?;
    store.notify_breach(reference, &notice)
}

pub fn event(store: &mut Store, reference: &str, input: &EventInput) -> Result<BreachView> {
    let kind: BreachEventKind = input.kind.trim().parse().map_err(|e: Error| e.in_field("kind"))?;
    let zone = zone_of(store, reference)?;
    let now = Utc::now();
    let at = match input.at.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
        Some(a) => instant("at", a, zone, now)?,
        None => now,
    };
    let risk = match input.risk.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
        Some(r) => Some(r.parse::<Risk>().map_err(|e| e.in_field("risk"))?),
        None => None,
    };
    let note = validate::text("note", &input.note)?;
    store.breach_event(reference, kind, at, &note, risk)
}

fn zone_of(store: &Store, reference: &str) -> Result<chrono_tz::Tz> {
    crate::model::case::parse_zone(&store.breach(reference)?.breach.time_zone)
}
