//! `casebook deadline`: the deadline engine on its own, for checking a date by hand.

use serde_json::json;

use super::args::DeadlineArgs;
use super::output;
use casebook::app::deadline::{check, Query};
use casebook::model::validate;
use casebook::Result;

pub fn run(a: DeadlineArgs) -> Result<()> {
    let today = match &a.today {
        Some(d) => validate::date("today", d)?,
        None => chrono::Local::now().date_naive(),
    };
    let query = Query {
        kind: Some(a.kind),
        regime: a.regime,
        right: a.right,
        received: a.received,
        calendar: a.calendar,
        id_requested: a.id_requested,
        id_received: a.id_received,
        clarification_requested: a.clarification_requested,
        clarification_received: a.clarification_received,
        fee_requested: a.fee_requested,
        fee_received: a.fee_received,
        extended: a.extended,
    };
    let c = check(&query, today)?;
    let named = c.named();
    if a.json {
        let date = |i: usize| named[i].1.map(|d| d.date);
        let basis: Vec<String> =
            named.iter().filter_map(|(n, d)| d.map(|d| format!("{n}: {}", d.basis_text()))).collect();
        output::print_json(&json!({
            "regime": c.regime, "right": c.right, "received": c.received, "calendar": c.calendar,
            "acknowledge_by": date(0), "respond_by": date(1), "extension_notice_by": date(2),
            "extended_respond_by": date(3), "risk_from": date(4), "waiting_since": c.schedule.waiting_since,
            "basis": basis,
        }));
    } else {
        outln!(
            "{}{} received {}, {} calendar",
            c.regime,
            c.right.map(|r| format!(" ({r})")).unwrap_or_default(),
            c.received,
            c.calendar
        );
        for (name, d) in named {
            if let Some(d) = d {
                outln!("  {name:<20} {}  {}", d.date, d.basis_text());
            }
        }
    }
    Ok(())
}
