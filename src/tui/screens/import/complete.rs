//! Tab completion of a typed path, as a shell does it: the folder's entries
//! that start with what was typed; one match is completed (a folder gets its
//! `/`), several complete to their common start and are listed.

use std::path::{MAIN_SEPARATOR, Path, PathBuf};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Completion {
    /// The typed text, completed as far as it is unambiguous.
    pub text: String,
    /// The entries still possible when there are several (folders end in `/`).
    pub candidates: Vec<String>,
}

/// `~/…` as the home folder, for reading; the text shown keeps the `~`.
pub fn expand_home(typed: &str, home: Option<&Path>) -> PathBuf {
    match (typed.strip_prefix("~/"), home) {
        (Some(rest), Some(home)) => home.join(rest),
        _ if typed == "~" => home.map_or_else(|| PathBuf::from(typed), Path::to_path_buf),
        _ => PathBuf::from(typed),
    }
}

fn is_separator(c: char) -> bool {
    c == '/' || c == MAIN_SEPARATOR
}

/// Completes `typed` against the file system (`home` for `~`). Hidden
/// entries are offered only when the typed name starts with a dot.
pub fn complete(typed: &str, home: Option<&Path>) -> Completion {
    let split = typed.rfind(is_separator).map_or(0, |i| i + 1);
    let (folder_text, prefix) = typed.split_at(split);
    let folder = if folder_text.is_empty() {
        PathBuf::from(".")
    } else {
        expand_home(folder_text, home)
    };
    let Ok(entries) = std::fs::read_dir(&folder) else {
        return Completion {
            text: typed.to_string(),
            candidates: Vec::new(),
        };
    };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            if !name.starts_with(prefix) || (name.starts_with('.') && !prefix.starts_with('.')) {
                return None;
            }
            // Follows links: a link to a folder completes like a folder.
            let is_dir = std::fs::metadata(e.path()).is_ok_and(|m| m.is_dir());
            Some(if is_dir { format!("{name}/") } else { name })
        })
        .collect();
    names.sort();
    match names.len() {
        0 => Completion {
            text: typed.to_string(),
            candidates: Vec::new(),
        },
        1 => Completion {
            text: format!("{folder_text}{}", names[0]),
            candidates: Vec::new(),
        },
        _ => Completion {
            text: format!("{folder_text}{}", common_start(&names)),
            candidates: names,
        },
    }
}

/// The longest start all `names` share, whole characters only.
fn common_start(names: &[String]) -> String {
    let Some(first) = names.first() else {
        return String::new();
    };
    let mut end = first.len();
    for name in &names[1..] {
        end = first
            .char_indices()
            .zip(name.chars())
            .find(|((_, a), b)| a != b)
            .map_or(end.min(name.len()), |((i, _), _)| i.min(end));
    }
    first[..end].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_match_completes_several_complete_to_their_common_start() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("客户资料")).unwrap();
        std::fs::write(root.join("客户资料/客户档案2026.csv"), "x").unwrap();
        std::fs::write(root.join("客户资料/客户档案2025.xlsx"), "x").unwrap();
        std::fs::write(root.join("客户资料/.hidden.csv"), "x").unwrap();
        let base = format!("{}/", root.display());

        let c = complete(&format!("{base}客户"), None);
        assert_eq!(c.text, format!("{base}客户资料/"));
        assert!(c.candidates.is_empty());

        let c = complete(&c.text, None);
        assert_eq!(c.text, format!("{base}客户资料/客户档案202"));
        assert_eq!(c.candidates, ["客户档案2025.xlsx", "客户档案2026.csv"]);

        let c = complete(&format!("{base}客户资料/客户档案2026"), None);
        assert_eq!(c.text, format!("{base}客户资料/客户档案2026.csv"));

        let c = complete(&format!("{base}客户资料/."), None);
        assert_eq!(c.text, format!("{base}客户资料/.hidden.csv"));

        let c = complete(&format!("{base}无此"), None);
        assert_eq!(c.text, format!("{base}无此"));
        assert!(c.candidates.is_empty());

        // ~ is the home folder; the text keeps it.
        let c = complete("~/客户资料/客户档案2026", Some(root));
        assert_eq!(c.text, "~/客户资料/客户档案2026.csv");
        assert_eq!(expand_home("~/a.csv", Some(root)), root.join("a.csv"));
    }

    #[test]
    fn the_common_start_never_splits_a_character() {
        let names = ["档案一.csv".to_string(), "档案二.csv".to_string()];
        assert_eq!(common_start(&names), "档案");
        assert_eq!(common_start(&["ab".into(), "abc".into()]), "ab");
    }
}
