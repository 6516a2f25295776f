//! What changes with the letter's language: dates, labels, the names of rights and regimes.

use chrono::{Datelike, NaiveDate};

use crate::model::{Lang, Regime, Right};

impl Lang {
    pub fn date(self, d: NaiveDate) -> String {
        match self {
            Lang::En => d.format("%-d %B %Y").to_string(),
            Lang::Ja => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
            Lang::De => {
                const MONTHS: [&str; 12] = [
                    "Januar",
                    "Februar",
                    "März",
                    "April",
                    "Mai",
                    "Juni",
                    "Juli",
                    "August",
                    "September",
                    "Oktober",
                    "November",
                    "Dezember",
                ];
                format!("{}. {} {}", d.day(), MONTHS[d.month0() as usize], d.year())
            }
        }
    }

    /// (date label, reference label, page label with {n} and {m}, closing line)
    pub fn labels(self) -> (&'static str, &'static str, &'static str, &'static str) {
        match self {
            Lang::En => ("Date:", "Our reference:", "Page {n} of {m}", "Yours sincerely,"),
            Lang::Ja => ("日付:", "整理番号:", "{n} / {m} ページ", "以上"),
            Lang::De => ("Datum:", "Unser Zeichen:", "Seite {n} von {m}", "Mit freundlichen Grüßen"),
        }
    }

    /// How an item list reads in running text: "access and erasure".
    pub fn and_list(self, items: &[String]) -> String {
        match (self, items) {
            (_, []) => String::new(),
            (_, [one]) => one.clone(),
            (Lang::Ja, _) => items.join("、"),
            (Lang::En, [init @ .., last]) => format!("{} and {last}", init.join(", ")),
            (Lang::De, [init @ .., last]) => format!("{} und {last}", init.join(", ")),
        }
    }

    /// Why a request is refused when the requester's identity could not be verified, with the
    /// provision the refusal rests on (CCPA: 11 CCR §7060; GDPR and UK GDPR: Art. 12(2) and 12(6)).
    pub fn identity_not_verified(self, r: Regime) -> &'static str {
        match (self, r) {
            (Lang::En, Regime::Ccpa) => "We could not verify your identity to the degree the law requires (11 CCR §7060), so we cannot act on this request.",
            (Lang::En, _) => "We could not verify your identity with the information provided, so we cannot act on this request (Art. 12(2) and 12(6)).",
            (Lang::Ja, _) => "ご提供いただいた情報ではご本人であることを確認できなかったため、このご請求にお応えすることができません。",
            (Lang::De, Regime::Ccpa) => "Wir konnten Ihre Identität nicht in dem gesetzlich verlangten Maß überprüfen (11 CCR §7060) und können daher auf diesen Antrag nicht eingehen.",
            (Lang::De, _) => "Wir konnten Ihre Identität mit den übermittelten Angaben nicht überprüfen und können daher auf diesen Antrag nicht eingehen (Art. 12 Abs. 2 und 6).",
        }
    }

    pub fn regime(self, r: Regime) -> &'static str {
        match (self, r) {
            (Lang::En, Regime::Gdpr) => "the General Data Protection Regulation (GDPR)",
            (Lang::En, Regime::UkGdpr) => "the UK General Data Protection Regulation (UK GDPR)",
            (Lang::En, Regime::Ccpa) => "the California Consumer Privacy Act (CCPA)",
            (Lang::En, Regime::Appi) => "Japan's Act on the Protection of Personal Information (APPI)",
            (Lang::Ja, Regime::Gdpr) => "EU一般データ保護規則（GDPR）",
            (Lang::Ja, Regime::UkGdpr) => "英国一般データ保護規則（UK GDPR）",
            (Lang::Ja, Regime::Ccpa) => "カリフォルニア州消費者プライバシー法（CCPA）",
            (Lang::Ja, Regime::Appi) => "個人情報の保護に関する法律",
            (Lang::De, Regime::Gdpr) => "der Datenschutz-Grundverordnung (DSGVO)",
            (Lang::De, Regime::UkGdpr) => "der britischen Datenschutz-Grundverordnung (UK GDPR)",
            (Lang::De, Regime::Ccpa) => "des California Consumer Privacy Act (CCPA)",
            (Lang::De, Regime::Appi) => "des japanischen Datenschutzgesetzes (APPI)",
        }
    }

    pub fn right(self, r: Right) -> &'static str {
        use Right::*;
        match self {
            Lang::En => match r {
                Access => "access to your personal data",
                Rectification => "rectification",
                Erasure => "erasure",
                Restriction => "restriction of processing",
                Objection => "objection to processing",
                Portability => "data portability",
                Know => "to know what personal information we hold",
                Delete => "deletion",
                Correct => "correction",
                OptOut => "to opt out of sale or sharing",
                Limit => "to limit the use of sensitive personal information",
                Disclosure => "disclosure of retained personal data",
                Correction => "correction, addition or deletion",
                Cessation => "cessation of use or of provision to third parties",
                ThirdPartyRecords => "disclosure of records of provision to third parties",
            },
            Lang::Ja => match r {
                Access => "個人データへのアクセス",
                Rectification => "訂正",
                Erasure => "消去",
                Restriction => "処理の制限",
                Objection => "処理への異議",
                Portability => "データポータビリティ",
                Know => "保有する個人情報を知る権利",
                Delete => "削除",
                Correct => "訂正",
                OptOut => "販売・共有のオプトアウト",
                Limit => "センシティブ個人情報の利用制限",
                Disclosure => "保有個人データの開示",
                Correction => "訂正等（訂正・追加・削除）",
                Cessation => "利用停止等",
                ThirdPartyRecords => "第三者提供記録の開示",
            },
            Lang::De => match r {
                Access => "Auskunft über Ihre personenbezogenen Daten",
                Rectification => "Berichtigung",
                Erasure => "Löschung",
                Restriction => "Einschränkung der Verarbeitung",
                Objection => "Widerspruch gegen die Verarbeitung",
                Portability => "Datenübertragbarkeit",
                Know => "Auskunft über die gespeicherten Informationen",
                Delete => "Löschung",
                Correct => "Berichtigung",
                OptOut => "Widerspruch gegen Verkauf oder Weitergabe",
                Limit => "Beschränkung der Nutzung sensibler Informationen",
                Disclosure => "Offenlegung gespeicherter Daten",
                Correction => "Berichtigung, Ergänzung oder Löschung",
                Cessation => "Einstellung der Nutzung oder Weitergabe",
                ThirdPartyRecords => "Offenlegung der Aufzeichnungen über Weitergaben an Dritte",
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_per_language() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 6).unwrap();
        assert_eq!(Lang::En.date(d), "6 March 2026");
        assert_eq!(Lang::Ja.date(d), "2026年3月6日");
        assert_eq!(Lang::De.date(d), "6. März 2026");
        assert_eq!(Lang::En.and_list(&["a".into(), "b".into(), "c".into()]), "a, b and c");
    }
}
