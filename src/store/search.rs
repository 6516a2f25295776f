//! Full-text search (SQLite FTS5) over each case's reference, names, emails, notes and
//! correspondence, beside its facets (status, kind, regime). The index is kept by the code that
//! writes those fields, in the same transaction.

use rusqlite::{params, Connection};

use super::sql::CachedSql;
use crate::error::Result;
use crate::model::flow::OPEN;
use crate::model::{Kind, Regime, Status};
use crate::progress::{report, Stage};

/// The columns what people type is searched in (not `facets`).
const TEXT_COLUMNS: &str = "{reference name email notes correspondence}";

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
}

/// Text as it is indexed: CJK characters spaced apart, so each is a token of its own.
pub fn index_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_cjk(c) {
            out.push(' ');
            out.push(c);
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

/// The longest prefix, in characters, that the index keeps a list of cases for (migration 8).
const INDEXED_PREFIX_CHARS: usize = 4;

/// What a person typed, as an FTS5 query.
#[derive(Debug, PartialEq)]
pub struct Query {
    pub fts: String,
    /// Every term is read straight from one list of the index (a phrase, or a prefix of at most
    /// four characters), so testing a single case against the query is cheap. A longer prefix
    /// merges the lists of every word it starts, which is worth doing once per query, not per case.
    pub cheap_per_case: bool,
}

/// What a person types, as an FTS5 query: every word must match; Latin words as prefixes, runs
/// of CJK characters as phrases of single characters. `None` when nothing searchable is left.
pub fn query(typed: &str) -> Option<Query> {
    let mut terms = Vec::new();
    // Words are runs of letters and digits: punctuation (and with it any FTS syntax) separates them.
    for clean in index_text(typed).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if clean.chars().all(is_cjk) {
            terms.push(format!("\"{clean}\""));
        } else {
            terms.push(format!("\"{clean}\"*"));
        }
    }
    // Adjacent CJK characters form one phrase: "山" "田" → "山 田".
    let mut merged: Vec<String> = Vec::new();
    for t in terms {
        let cjk = !t.ends_with('*');
        match merged.last_mut() {
            Some(last) if cjk && !last.ends_with('*') => {
                last.pop();
                last.push(' ');
                last.push_str(&t[1..]);
            }
            _ => merged.push(t),
        }
    }
    // A prefix term is `"word"*`: its characters less the three of the syntax.
    let cheap_per_case = merged.iter().all(|t| !t.ends_with('*') || t.chars().count() - 3 <= INDEXED_PREFIX_CHARS);
    (!merged.is_empty()).then(|| Query { fts: format!("{TEXT_COLUMNS} : ({})", merged.join(" AND ")), cheap_per_case })
}

/// The facet tokens of open cases, and of open cases whose clock runs.
pub const OPEN_FACET: &str = "open";
pub const RUNNING_FACET: &str = "running";

/// A case's facets as tokens of the index's `facets` column: `statusinprogress kindrequest
/// regimegdpr open running`.
fn facets(status: Status, kind: Kind, regime: Regime) -> String {
    let mut tokens =
        vec![facet("status", status.as_str()), facet("kind", kind.as_str()), facet("regime", regime.as_str())];
    tokens.extend(OPEN.contains(&status).then(|| OPEN_FACET.to_string()));
    tokens.extend(status.is_running().then(|| RUNNING_FACET.to_string()));
    tokens.join(" ")
}

/// One facet as its token: ("status", "in-progress") → `statusinprogress`.
pub fn facet(name: &str, value: &str) -> String {
    format!("{name}{}", value.replace('-', ""))
}

/// The search narrowed to cases with every one of `facets` (tokens made by `facet`, or
/// `OPEN_FACET`, `RUNNING_FACET`).
pub fn with_facets(q: &Query, facets: &[String]) -> String {
    facets.iter().fold(q.fts.clone(), |fts, token| format!("{fts} AND facets : \"{token}\""))
}

/// The most cases a page tests one by one against a search before it gives up (matches
/// clustered further down the list) and collects every match instead.
pub const MOST_TESTS_PER_PAGE: i64 = 400;

/// Testing one case against a search costs about as much as collecting 250 matches into a set
/// (50 µs against 0.2 µs, measured at 100,000 cases).
const TEST_COST_IN_MATCHES: f64 = 250.0;

/// Whether a page that ends at the `wanted`-th case is found sooner by testing the cases it walks
/// against `q` one by one than by collecting every match first. Testing pays when matches are
/// dense and many: "o" matches most cases, so its first page is found after about 70 tests at any
/// size, whereas collecting grows with the matches (700,000 at 1,000,000 cases). Never for a
/// query whose per-case test is not cheap.
pub fn dense(conn: &Connection, q: &Query, wanted: i64) -> Result<bool> {
    if !q.cheap_per_case {
        return Ok(false);
    }
    // Density is sampled among the newest cases, whatever the size of the database; a wrong guess
    // costs the walk's first 50 tests (see `case_list`).
    const SAMPLE: i64 = 2000;
    let newest: i64 = conn.one("SELECT coalesce(max(id), 0) FROM cases", [], |r| r.get(0))?;
    let (sampled, found): (i64, i64) = conn.one(
        "SELECT (SELECT count(*) FROM cases WHERE id > ?2),
                (SELECT count(*) FROM case_search WHERE case_search MATCH ?1 AND rowid > ?2)",
        params![q.fts, newest - SAMPLE],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if found == 0 {
        return Ok(false);
    }
    let density = found as f64 / sampled as f64;
    let tests = wanted as f64 / density;
    let matches = newest as f64 * density;
    Ok(tests <= MOST_TESTS_PER_PAGE as f64 && tests * TEST_COST_IN_MATCHES < matches)
}

/// Whether one case matches `q`.
pub fn matches(conn: &Connection, q: &Query, case_id: i64) -> Result<bool> {
    let mut test =
        conn.prepare_cached("SELECT EXISTS (SELECT 1 FROM case_search WHERE case_search MATCH ?1 AND rowid = ?2)")?;
    Ok(test.query_row(params![q.fts, case_id], |r| r.get(0))?)
}

/// Rewrites the index row of one case from what is stored.
pub fn reindex(conn: &Connection, case_id: i64) -> Result<()> {
    conn.run("DELETE FROM case_search WHERE rowid = ?1", [case_id])?;
    index(conn, case_id)
}

/// Writes the index row of a case that has none (a new case, or after the index was emptied).
pub fn index(conn: &Connection, case_id: i64) -> Result<()> {
    // References are searched by their parts too ("DSR-2026-0001" → "DSR 2026 0001"), emails by theirs.
    let (reference, names, emails, notes, correspondence, facets) = conn.one(
        "SELECT c.reference, p.name, p.email, c.notes, a.name, a.email,
                (SELECT group_concat(subject || ' ' || summary, ' ') FROM correspondence WHERE case_id = c.id),
                c.status, c.kind, c.regime
         FROM cases c JOIN people p ON p.id = c.requester_id LEFT JOIN people a ON a.id = c.agent_id WHERE c.id = ?1",
        [case_id],
        |r| {
            let text = |i| r.get::<_, Option<String>>(i).map(Option::unwrap_or_default);
            Ok((
                text(0)?.replace('-', " "),
                format!("{} {}", text(1)?, text(4)?),
                format!("{} {}", text(2)?, text(5)?).replace(['@', '.'], " "),
                text(3)?,
                text(6)?,
                facets(r.get(7)?, r.get(8)?, r.get(9)?),
            ))
        },
    )?;
    conn.run(
        "INSERT INTO case_search (rowid, reference, name, email, notes, correspondence, facets)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            case_id,
            reference,
            index_text(&names),
            emails,
            index_text(&notes),
            index_text(&correspondence),
            facets
        ],
    )?;
    Ok(())
}

/// Rebuilds the whole index (after the migration that created it, or an import).
pub fn rebuild(conn: &Connection) -> Result<()> {
    conn.run("DELETE FROM case_search", [])?;
    let ids: Vec<i64> =
        conn.prepare("SELECT id FROM cases")?.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    for (done, id) in ids.iter().enumerate() {
        index(conn, *id)?;
        report(Stage::SearchIndex, done + 1, ids.len());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_from_what_people_type() {
        let fts = |typed: &str| query(typed).map(|q| q.fts);
        let text = |terms: &str| Some(format!("{TEXT_COLUMNS} : ({terms})"));
        assert_eq!(fts("zoe"), text("\"zoe\"*"));
        assert_eq!(fts("山田"), text("\"山 田\""));
        assert_eq!(fts("山田 taro"), text("\"山 田\" AND \"taro\"*"));
        assert_eq!(fts("DSR-2026-0001"), text("\"DSR\"* AND \"2026\"* AND \"0001\"*"));
        assert_eq!(fts("\"; DROP TABLE cases; --"), text("\"DROP\"* AND \"TABLE\"* AND \"cases\"*"));
        assert_eq!(fts("  %%  "), None);
    }

    #[test]
    fn pages_test_each_case_only_when_matches_are_dense_and_many_and_each_test_is_cheap() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE cases (id INTEGER PRIMARY KEY);
             CREATE VIRTUAL TABLE case_search USING fts5(reference, name, email, notes, correspondence,
                                                         prefix = '1 2 3 4');",
        )
        .unwrap();
        let fill = |from: i64, to: i64| {
            for id in from..=to {
                let name = if id % 1000 == 0 { "Zed Olivia" } else { "Olivia Martinez" };
                conn.run("INSERT INTO cases (id) VALUES (?1)", [id]).unwrap();
                conn.run("INSERT INTO case_search (rowid, name) VALUES (?1, ?2)", params![id, name]).unwrap();
            }
        };
        let dense = |typed: &str, wanted: i64| dense(&conn, &query(typed).unwrap(), wanted).unwrap();
        fill(1, 1000);
        assert!(!dense("o", 50), "1,000 matches are collected sooner than 50 cases are tested");
        fill(1001, 20_000);
        assert!(dense("o", 50) && dense("mart", 50), "every case matches: a page tests about 50 cases");
        assert!(!dense("zed", 50), "one case in 1,000 matches: a page would test 50,000");
        assert!(!dense("olivia", 50), "a long prefix is not cheap to test case by case");
        assert!(!dense("o", 1000), "deep pages would test more than the bound");
    }

    #[test]
    fn a_query_is_cheap_per_case_when_every_term_is_one_list_of_the_index() {
        let cheap = |typed: &str| query(typed).unwrap().cheap_per_case;
        assert!(cheap("o") && cheap("Zoë") && cheap("DSR-2026") && cheap("山田太郎") && cheap("山田 taro"));
        assert!(!cheap("olivia") && !cheap("DSR-2026-0001 Smith"));
    }
}
