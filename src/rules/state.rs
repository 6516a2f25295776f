//! How urgent a deadline is on a given day.

use chrono::NaiveDate;

use crate::model::DueState;

impl DueState {
    pub fn of(due: NaiveDate, met: bool, today: NaiveDate) -> DueState {
        if met {
            return DueState::Met;
        }
        match (due - today).num_days() {
            ..0 => DueState::Overdue,
            0 => DueState::DueToday,
            1..=3 => DueState::DueSoon,
            4..=7 => DueState::DueThisWeek,
            _ => DueState::Later,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_by_days_left() {
        let today: NaiveDate = "2026-03-10".parse().unwrap();
        let at = |s: &str, met| DueState::of(s.parse().unwrap(), met, today);
        assert_eq!(at("2026-03-09", false), DueState::Overdue);
        assert_eq!(at("2026-03-10", false), DueState::DueToday);
        assert_eq!(at("2026-03-13", false), DueState::DueSoon);
        assert_eq!(at("2026-03-17", false), DueState::DueThisWeek);
        assert_eq!(at("2026-03-18", false), DueState::Later);
        assert_eq!(at("2026-03-01", true), DueState::Met);
    }
}
