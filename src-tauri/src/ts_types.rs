//! The TypeScript types of everything that crosses between the window and Rust, generated from
//! the Rust types (ts-rs) into `ui/src/bindings.ts`, which the window's code imports instead of
//! declaring shapes of its own. A test fails when the file is not what the types say;
//! `CASEBOOK_WRITE_BINDINGS=1 cargo test -p casebook-desktop bindings` writes it anew.

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use ts_rs::{TypeVisitor, TS};

    /// Every declaration a type needs, its own and its fields' types', once each by name.
    #[derive(Default)]
    struct Declarations(BTreeMap<String, String>);

    impl TypeVisitor for Declarations {
        fn visit<T: TS + 'static + ?Sized>(&mut self) {
            if T::output_path().is_none() || self.0.contains_key(&T::ident()) {
                return;
            }
            self.0.insert(T::ident(), T::decl());
            T::visit_dependencies(self);
        }
    }

    /// The file as the types say it should be.
    fn bindings() -> String {
        use casebook::app::{from_export, letters, register};
        use casebook::{model, progress, report};
        let mut all = Declarations::default();
        macro_rules! roots {
            ($($t:ty),+ $(,)?) => { $(all.visit::<$t>();)+ };
        }
        // What the commands take and answer (see command_names.rs), and the events they send.
        roots!(
            crate::state::AppStatus,
            crate::state::NewKeys,
            crate::state::CaseView,
            crate::state::CasePage,
            crate::state::ListRequest,
            crate::state::CalendarRequest,
            crate::state::Vocabulary,
            crate::commands::Verification,
            crate::correspondence::PickedFile,
            crate::emails::EmailTarget,
            crate::emails::EmailPreview,
            crate::emails::EmailImport,
            crate::error::UiError,
            crate::keyring::KeyringState,
            crate::letters::LetterOptions,
            crate::letters::SavedLetter,
            crate::records::ReportRequest,
            crate::records::Restored,
            model::CaseInput,
            model::EventInput,
            model::PartyInput,
            model::TaskInput,
            model::ItemInput,
            model::OrganisationProfile,
            model::breach::BreachInput,
            model::breach::NoticeInput,
            model::letter_flow::DispatchInput,
            casebook::app::breaches::EventInput,
            model::Dashboard,
            model::CalendarEntry,
            model::AuditRecord,
            model::ChainReport,
            model::Expired,
            model::BreachView,
            model::BreachSummary,
            model::CorrespondenceItem,
            model::EmailSender,
            letters::Which,
            casebook::letter::LetterText,
            letters::Batch,
            register::Columns,
            register::DryRun,
            casebook::import::register::Mapping,
            from_export::ExportSummary,
            report::Report,
            progress::Report,
        );
        let mut out = String::from(
            "// Generated from the Rust types by `CASEBOOK_WRITE_BINDINGS=1 cargo test -p casebook-desktop bindings`;\n\
             // do not edit. 64-bit integers are numbers: serde_json writes them as JSON numbers.\n",
        );
        for decl in all.0.values() {
            out.push_str("\nexport ");
            out.push_str(&decl.replace("bigint", "number"));
            out.push('\n');
        }
        out
    }

    #[test]
    fn bindings_are_what_the_rust_types_say() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings.ts");
        let wanted = bindings();
        if std::env::var_os("CASEBOOK_WRITE_BINDINGS").is_some() {
            std::fs::write(&path, &wanted).unwrap();
        }
        let found = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            found == wanted,
            "ui/src/bindings.ts is not what the Rust types say: \
             run `CASEBOOK_WRITE_BINDINGS=1 cargo test -p casebook-desktop bindings`, then fix the window's code"
        );
    }
}
