//! The clocks of a breach against their vectors (`tests/data/breach_clocks.json`), in process:
//! Art. 33's 72 hours across clock changes and weekends, each authority in its own zone, APPI's
//! 30 and 60 days, California's notice to the Attorney General.

use crate::common;

use casebook::model::case::Received;
use casebook::rules::breach::{clocks, Authority, BreachFacts};
use serde_json::Value;

#[test]
fn every_breach_clock_vector_holds() {
    let vectors: Vec<Value> = serde_json::from_str(&common::data("breach_clocks.json")).unwrap();
    for v in &vectors {
        let why = v["why"].as_str().unwrap();
        let zone: chrono_tz::Tz = v["tz"].as_str().unwrap().parse().unwrap();
        let aware = Received::parse(v["aware"].as_str().unwrap(), zone, chrono::Utc::now()).unwrap().at;
        let facts = BreachFacts {
            aware_at: aware,
            office_zone: zone,
            regimes: serde_json::from_value(v["regimes"].clone()).unwrap(),
            authorities: v["authorities"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| Authority {
                    party_id: a["id"].as_i64().unwrap(),
                    name: a["name"].as_str().unwrap().into(),
                    country: a["country"].as_str().map(str::to_string),
                })
                .collect(),
            high_risk: v["high_risk"].as_bool().unwrap_or(false),
            wrongful_purpose: v["wrongful_purpose"].as_bool().unwrap_or(false),
            california_residents: v["california_residents"].as_u64(),
            target_hours: v["target_hours"].as_u64().unwrap_or(72) as u32,
        };
        let got = clocks(&facts);
        let expected = v["expect"].as_array().unwrap();
        assert_eq!(got.len(), expected.len(), "{why}: {got:#?}");
        for (clock, e) in got.iter().zip(expected) {
            assert_eq!(clock.kind, e["kind"].as_str().unwrap(), "{why}");
            assert_eq!(
                clock.due_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                e["due"].as_str().unwrap(),
                "{why}: {}",
                clock.kind
            );
            if let Some(party) = e["party"].as_i64() {
                assert_eq!(clock.party_id, Some(party), "{why}");
            }
            if let Some(regime) = e["regime"].as_str() {
                assert_eq!(clock.regime.as_str(), regime, "{why}");
            }
            if let Some(target) = e["target"].as_bool() {
                assert_eq!(clock.target, target, "{why}: {}", clock.kind);
            }
            if let Some(basis) = e["basis"].as_str() {
                assert!(clock.basis.contains(basis), "{why}: {basis:?} not in {:?}", clock.basis);
            }
        }
    }
}
